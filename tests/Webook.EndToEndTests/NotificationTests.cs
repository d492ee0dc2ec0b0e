using System.Text.Json;
using Webook.TestSupport;

namespace Webook.EndToEndTests;

/// <summary>
/// Notifications end to end: a follow, a comment, a like or a collect over HTTP, its event through the broker, Webook.Server's
/// consumer loop, and the notification over HTTP; read marks, likes folded into one, and an unfollow, an unlike or a
/// deletion that withdraws what it made.
/// </summary>
public sealed class NotificationTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private RunningServer Server => fixture.Server;

    [Fact]
    public async Task A_follow_reaches_the_followee_as_a_notification_through_the_broker_and_its_unfollow_withdraws_it()
    {
        using var client = Server.CreateClient();
        var (fan, star) = (await Accounts.SignupAndLoginAsync(client), await Accounts.SignupAndLoginAsync(client));
        var (fanId, starId) = (await FollowTests.IdOf(client, fan), await FollowTests.IdOf(client, star));
        Assert.Equal(0, (await client.PostApiAsync("/users/edit", new { nickname = "Fan", birthday = "2000-01-01", aboutMe = "" }, fan.AccessToken)).Code);

        Assert.Equal(0, (await client.PostApiAsync("/follow/follow", new { followee = starId }, fan.AccessToken)).Code);
        var list = await WaitForAsync(client, star, l => l.Count == 1);
        var notice = Assert.Single(list);
        Assert.Equal(("follow", fanId, "Fan", 1, false), (notice.GetProperty("type").GetString(), notice.GetProperty("actor").GetProperty("id").GetInt64(),
            notice.GetProperty("actor").GetProperty("name").GetString(), notice.GetProperty("count").GetInt32(), notice.GetProperty("read").GetBoolean()));
        Assert.Equal(1, (await client.GetApiAsync("/notifications/unread_cnt", star.AccessToken)).Data.GetInt32());
        Assert.Empty(await ListAsync(client, fan)); // the follower is told nothing

        Assert.Equal(0, (await client.PostApiAsync("/notifications/read", new { upto = notice.GetProperty("id").GetInt64() }, star.AccessToken)).Code);
        Assert.Equal(0, (await client.GetApiAsync("/notifications/unread_cnt", star.AccessToken)).Data.GetInt32());
        Assert.True((await ListAsync(client, star))[0].GetProperty("read").GetBoolean());
        var before = (await client.GetApiAsync($"/notifications?timestamp={notice.GetProperty("ctime").GetInt64()}&limit=10", star.AccessToken)).Data;
        Assert.Equal(0, before.GetArrayLength());

        Assert.Equal(0, (await client.PostApiAsync("/follow/cancel", new { followee = starId }, fan.AccessToken)).Code);
        await WaitForAsync(client, star, l => l.Count == 0);
    }

    [Fact]
    public async Task A_comment_notifies_the_articles_author_a_reply_the_author_replied_to_and_a_deletion_withdraws_both()
    {
        using var client = Server.CreateClient();
        var (author, reader) = (await Accounts.SignupAndLoginAsync(client), await Accounts.SignupAndLoginAsync(client));
        var (authorId, readerId) = (await FollowTests.IdOf(client, author), await FollowTests.IdOf(client, reader));
        var article = await Articles.PublishAsync(client, author, "Worth a comment", "<p>x</p>");

        var comment = await CommentTests.PostAsync(client, reader, article, "Well said");
        var notice = Assert.Single(await WaitForAsync(client, author, l => l.Count == 1));
        Assert.Equal(("comment", readerId, article, "Worth a comment", comment, "Well said"), (notice.GetProperty("type").GetString(),
            notice.GetProperty("actor").GetProperty("id").GetInt64(), notice.GetProperty("article").GetProperty("id").GetInt64(),
            notice.GetProperty("article").GetProperty("title").GetString(), notice.GetProperty("comment").GetProperty("id").GetInt64(),
            notice.GetProperty("comment").GetProperty("content").GetString()));

        // The author answers on their own article: the reader is told, the author (the article's) is not told of their own reply.
        var reply = await CommentTests.PostAsync(client, author, article, "Thank you", comment);
        var answer = Assert.Single(await WaitForAsync(client, reader, l => l.Count == 1));
        Assert.Equal(("reply", authorId, reply, "Thank you"), (answer.GetProperty("type").GetString(), answer.GetProperty("actor").GetProperty("id").GetInt64(),
            answer.GetProperty("comment").GetProperty("id").GetInt64(), answer.GetProperty("comment").GetProperty("content").GetString()));
        // A comment of one's own notifies no one; the reader's next one, behind it on the article's partition, shows it was passed over.
        await CommentTests.PostAsync(client, author, article, "My own note");
        var second = await CommentTests.PostAsync(client, reader, article, "Again");
        var both = await WaitForAsync(client, author, l => l.Count == 2);
        Assert.Equal([second, comment], both.Select(n => n.GetProperty("comment").GetProperty("id").GetInt64()));

        // The author deletes the reader's first comment, and its reply with it: both their notifications withdrawn.
        Assert.Equal(0, (await CommentTests.DeleteAsync(client, author, comment)).Code);
        await WaitForAsync(client, author, l => l.Count == 1);
        await WaitForAsync(client, reader, l => l.Count == 0);
        Assert.Equal(second, (await ListAsync(client, author))[0].GetProperty("comment").GetProperty("id").GetInt64());
        Assert.Equal(1, (await client.GetApiAsync("/notifications/unread_cnt", author.AccessToken)).Data.GetInt32());
    }

    [Fact]
    public async Task Likes_of_one_article_fold_into_one_notification_with_a_count_an_unlike_takes_one_back_and_a_collect_notifies_apart()
    {
        using var client = Server.CreateClient();
        var author = await Accounts.SignupAndLoginAsync(client);
        var readers = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Accounts.SignupAndLoginAsync(client)));
        var article = await Articles.PublishAsync(client, author, "Worth a like", "<p>x</p>");

        // Three readers like it at once, and the author too (no notification for oneself).
        var likes = await Task.WhenAll(readers.Append(author).Select(user => client.PostApiAsync("/articles/pub/like", new { id = article, like = true }, user.AccessToken)));
        Assert.All(likes, answer => Assert.Equal(0, answer.Code));
        var notice = Assert.Single(await WaitForAsync(client, author, l => l.Count == 1 && l[0].GetProperty("count").GetInt32() == 3));
        Assert.Equal(("like", article, "Worth a like"), (notice.GetProperty("type").GetString(), notice.GetProperty("article").GetProperty("id").GetInt64(),
            notice.GetProperty("article").GetProperty("title").GetString()));
        var readerIds = await Task.WhenAll(readers.Select(r => FollowTests.IdOf(client, r)));
        Assert.Contains(notice.GetProperty("actor").GetProperty("id").GetInt64(), readerIds);

        // One takes it back: counted two; a collect is its own notification.
        Assert.Equal(0, (await client.PostApiAsync("/articles/pub/like", new { id = article, like = false }, readers[0].AccessToken)).Code);
        Assert.Equal(0, (await client.PostApiAsync("/articles/pub/collect", new { id = article, cid = 0 }, readers[1].AccessToken)).Code);
        var list = await WaitForAsync(client, author, l => l.Count == 2 && l.Any(n => n.GetProperty("type").GetString() == "like" && n.GetProperty("count").GetInt32() == 2));
        Assert.Equal(["collect", "like"], list.Select(n => n.GetProperty("type").GetString()));
        Assert.Equal((readerIds[1], 1), (list[0].GetProperty("actor").GetProperty("id").GetInt64(), list[0].GetProperty("count").GetInt32()));
        Assert.Equal(2, (await client.GetApiAsync("/notifications/unread_cnt", author.AccessToken)).Data.GetInt32());
        foreach (var reader in readers) Assert.Empty(await ListAsync(client, reader));
    }

    [Fact]
    public async Task A_notifier_that_dies_in_the_middle_of_a_batch_loses_and_doubles_nothing_when_another_takes_over()
    {
        // Its own topic and group, so that only the processes below read these follows; batches wait for ten events.
        var settings = new Dictionary<string, string?>(Server.Settings)
        {
            ["Follows:EventTopic"] = TestEnvironment.UniqueName("follows"),
            ["Notifications:ConsumerGroup"] = TestEnvironment.UniqueName("notifier"),
            ["Notifications:BatchWait"] = "00:00:03",
            ["ReadEvents:ConsumerEnabled"] = "false",
        };
        // A Webook.Server process that ends once it applied 4 of the batch's 10 events, before committing it.
        using var doomed = await ServerProcess.StartAsync(settings, new Dictionary<string, string> { ["Notifications:CrashAfterEventsForTests"] = "4" });
        var star = await Accounts.SignupAndLoginAsync(doomed.Client);
        var starId = await FollowTests.IdOf(doomed.Client, star);
        var fans = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Accounts.SignupAndLoginAsync(doomed.Client)));
        var follows = await Task.WhenAll(fans.Select(fan => doomed.Client.PostApiAsync("/follow/follow", new { followee = starId }, fan.AccessToken)));
        Assert.All(follows, answer => Assert.Equal(0, answer.Code));
        await doomed.Process.WaitForExitAsync().WaitAsync(Patience);
        Assert.NotEqual(0, doomed.Process.ExitCode);

        // Another instance of the same deployment takes the group over and hands the whole batch over again.
        await using var heir = await RunningServer.StartAsync(new Dictionary<string, string?>(settings) { ["urls"] = "http://127.0.0.1:0" });
        using var client = heir.CreateClient();
        var list = await WaitForAsync(client, star, l => l.Count >= 10);
        var fanIds = await Task.WhenAll(fans.Select(fan => FollowTests.IdOf(client, fan)));
        Assert.Equal(fanIds.Order(), list.Select(n => n.GetProperty("actor").GetProperty("id").GetInt64()).Order());
        Assert.Equal(10, (await client.GetApiAsync("/notifications/unread_cnt", star.AccessToken)).Data.GetInt32());
    }

    [Fact]
    public async Task Bad_input_is_refused_with_code_4()
    {
        using var client = Server.CreateClient();
        var user = await Accounts.SignupAndLoginAsync(client);
        foreach (var query in new[] { "", "?limit=0", "?limit=101", "?limit=x", "?timestamp=-1&limit=10", "?timestamp=soon&limit=10" })
            Assert.Equal(4, (await client.GetApiAsync("/notifications" + query, user.AccessToken)).Code);
        foreach (var body in new object[] { new { upto = -1 }, new { upto = 0 }, new { upto = 1L << 53 } })
            Assert.Equal(4, (await client.PostApiAsync("/notifications/read", body, user.AccessToken)).Code);
        Assert.Equal(4, (await client.PostRawAsync("/notifications/read", """{"upto": "all"}""", user.AccessToken)).Code);
        Assert.Equal(0, (await client.PostApiAsync("/notifications/read", new { }, user.AccessToken)).Code);
        Assert.Equal(401, (int)(await client.GetApiAsync("/notifications/unread_cnt")).Status);
    }

    private static async Task<List<JsonElement>> WaitForAsync(HttpClient client, LoggedInUser user, Func<List<JsonElement>, bool> done)
    {
        var deadline = DateTime.UtcNow + Patience;
        var list = await ListAsync(client, user);
        while (!done(list) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
            list = await ListAsync(client, user);
        }
        Assert.True(done(list), $"the notifications never got there: {JsonSerializer.Serialize(list)}");
        return list;
    }

    private static async Task<List<JsonElement>> ListAsync(HttpClient client, LoggedInUser user)
    {
        var answer = await client.GetApiAsync("/notifications?limit=100", user.AccessToken);
        Assert.Equal(0, answer.Code);
        return answer.Data.EnumerateArray().ToList();
    }
}
