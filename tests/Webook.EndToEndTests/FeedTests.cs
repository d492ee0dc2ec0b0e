using System.Text.Json;
using Webook.TestSupport;

namespace Webook.EndToEndTests;

/// <summary>
/// The following feed and the latest list end to end: publications over HTTP, their events through the broker and
/// Webook.Server's feed consumer into inboxes (a pushed author) or the author's own box (a pulled one, above
/// Feed:PushThreshold, here 1), and pages over HTTP: newest first, no duplicates or gaps across pages, withdrawn
/// articles and unfollowed authors gone, a new follow showing the followee's articles.
/// </summary>
public sealed class FeedTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private RunningServer _server = null!;

    public async Task InitializeAsync() =>
        _server = await RunningServer.StartAsync(new Dictionary<string, string?> { ["Feed:PushThreshold"] = "1" });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_feed_merges_pushed_and_pulled_authors_newest_first_and_pages_without_gaps_or_duplicates()
    {
        using var client = _server.CreateClient();
        var (reader, other, pushed, pulled) = (await Accounts.SignupAndLoginAsync(client), await Accounts.SignupAndLoginAsync(client),
            await Accounts.SignupAndLoginAsync(client), await Accounts.SignupAndLoginAsync(client));
        await FollowAsync(client, reader, pushed);
        await FollowAsync(client, reader, pulled);
        await FollowAsync(client, other, pulled); // two followers: above the threshold, so pulled

        var published = new List<long>();
        for (var i = 0; i < 4; i++)
        {
            published.Add(await Articles.PublishAsync(client, pushed, $"Pushed {i}", "<p>p</p>"));
            published.Add(await Articles.PublishAsync(client, pulled, $"Pulled {i}", "<p>q</p>"));
        }
        var all = await WaitForAsync(client, reader, l => l.Count == 8);
        Assert.Equal(Enumerable.Reverse(published), all.Select(Id));
        var first = all[0];
        Assert.Equal("Pulled 3", first.GetProperty("title").GetString());
        Assert.Equal(await FollowTests.IdOf(client, pulled), first.GetProperty("author").GetProperty("id").GetInt64());
        Assert.True(first.TryGetProperty("likeCnt", out _) && first.TryGetProperty("readCnt", out _) && first.TryGetProperty("commentCnt", out _));

        // Pages of three, each strictly older than the last one's ctime: the same eight, once each, in order.
        var paged = new List<long>();
        string timestamp = "";
        for (var page = 0; page < 5; page++)
        {
            var answer = (await client.GetApiAsync($"/feed?limit=3{timestamp}", reader.AccessToken)).Data.EnumerateArray().ToList();
            if (answer.Count == 0) break;
            paged.AddRange(answer.Select(Id));
            timestamp = $"&timestamp={answer[^1].GetProperty("ctime").GetInt64()}";
        }
        Assert.Equal(all.Select(Id), paged);

        // Published again after an edit: it keeps its place.
        await Articles.PublishAsync(client, pushed, "Pushed 0, edited", "<p>p2</p>", published[0]);
        var edited = await WaitForAsync(client, reader, l => l.Any(a => a.GetProperty("title").GetString() == "Pushed 0, edited"));
        Assert.Equal(all.Select(Id), edited.Select(Id));
    }

    [Fact]
    public async Task Withdrawn_articles_and_unfollowed_authors_leave_the_feed_and_a_new_follow_brings_the_followees_articles()
    {
        using var client = _server.CreateClient();
        var (reader, pushed, pulled, fan) = (await Accounts.SignupAndLoginAsync(client), await Accounts.SignupAndLoginAsync(client),
            await Accounts.SignupAndLoginAsync(client), await Accounts.SignupAndLoginAsync(client));
        await FollowAsync(client, fan, pulled);
        await FollowAsync(client, fan, pushed);
        var before = await Articles.PublishAsync(client, pushed, "Before the follow", "<p>x</p>");
        var pulledArticle = await Articles.PublishAsync(client, pulled, "Pulled", "<p>x</p>");
        await FollowAsync(client, reader, pulled); // the second follower: pulled from the next publication on
        var pulledLater = await Articles.PublishAsync(client, pulled, "Pulled later", "<p>x</p>");

        // A new follow copies the followee's articles into the follower's inbox.
        await FollowAsync(client, reader, pushed);
        var list = await WaitForAsync(client, reader, l => l.Count == 3);
        Assert.Equal([pulledLater, pulledArticle, before], list.Select(Id));

        Assert.Equal(0, (await client.PostApiAsync("/articles/withdraw", new { id = before }, pushed.AccessToken)).Code);
        Assert.Equal([pulledLater, pulledArticle], (await ListAsync(client, reader)).Select(Id)); // at once: every page checks its articles
        await WaitForAsync(client, fan, l => l.Count == 2);

        Assert.Equal(0, (await client.PostApiAsync("/follow/cancel", new { followee = await FollowTests.IdOf(client, pulled) }, reader.AccessToken)).Code);
        Assert.Empty(await ListAsync(client, reader));
        Assert.Equal([pulledLater, pulledArticle], (await ListAsync(client, fan)).Select(Id));
    }

    [Fact]
    public async Task The_latest_list_holds_everyones_publications_newest_first_without_withdrawn_ones()
    {
        using var client = _server.CreateClient();
        var (a, b) = (await Accounts.SignupAndLoginAsync(client), await Accounts.SignupAndLoginAsync(client));
        var mine = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            mine.Add(await Articles.PublishAsync(client, a, $"A {i}", "<p>a</p>"));
            mine.Add(await Articles.PublishAsync(client, b, $"B {i}", "<p>b</p>"));
        }
        Assert.Equal(0, (await client.PostApiAsync("/articles/withdraw", new { id = mine[2] }, a.AccessToken)).Code);
        mine.RemoveAt(2);

        var deadline = DateTime.UtcNow + Patience;
        List<long> latest;
        do latest = (await client.GetApiAsync("/articles/pub/latest?limit=100")).Data.EnumerateArray().Select(Id).ToList();
        while (!mine.All(latest.Contains) && DateTime.UtcNow < deadline && await Delay());
        Assert.Equal(Enumerable.Reverse(mine), latest.Where(mine.Contains));
        Assert.Equal(latest.Distinct(), latest);

        var older = (await client.GetApiAsync($"/articles/pub/latest?limit=100&timestamp={await CtimeAsync(client, mine[^1])}")).Data.EnumerateArray().Select(Id);
        Assert.Equal(Enumerable.Reverse(mine).Skip(1), older.Where(mine.Contains));
    }

    [Fact]
    public async Task A_feed_consumer_that_dies_in_the_middle_of_a_batch_leaves_it_to_another_instance_which_applies_it_whole()
    {
        // Its own topics and group, so that only the processes below write these entries; batches wait for the events.
        var settings = new Dictionary<string, string?>(_server.Settings)
        {
            ["Feed:ArticleEventTopic"] = TestEnvironment.UniqueName("articles"),
            ["Follows:EventTopic"] = TestEnvironment.UniqueName("follows"),
            ["Feed:ConsumerGroup"] = TestEnvironment.UniqueName("feed"),
            ["Feed:BatchWait"] = "00:00:03",
            ["ReadEvents:ConsumerEnabled"] = "false",
            ["Notifications:ConsumerEnabled"] = "false",
        };
        // A Webook.Server process that ends once it applied 4 feed events (the follow and 3 publications), before committing.
        using var doomed = await ServerProcess.StartAsync(settings, new Dictionary<string, string> { ["Feed:CrashAfterEventsForTests"] = "4" });
        var (reader, author) = (await Accounts.SignupAndLoginAsync(doomed.Client), await Accounts.SignupAndLoginAsync(doomed.Client));
        await FollowAsync(doomed.Client, reader, author);
        var published = new List<long>();
        for (var i = 0; i < 8; i++) published.Add(await Articles.PublishAsync(doomed.Client, author, $"Article {i}", "<p>x</p>"));
        await doomed.Process.WaitForExitAsync().WaitAsync(Patience);
        Assert.NotEqual(0, doomed.Process.ExitCode);

        await using var heir = await RunningServer.StartAsync(new Dictionary<string, string?>(settings) { ["urls"] = "http://127.0.0.1:0" });
        using var client = heir.CreateClient();
        var list = await WaitForAsync(client, reader, l => l.Count >= 8);
        Assert.Equal(Enumerable.Reverse(published), list.Select(Id));
    }

    [Fact]
    public async Task Bad_input_is_refused_with_code_4()
    {
        using var client = _server.CreateClient();
        var user = await Accounts.SignupAndLoginAsync(client);
        foreach (var query in new[] { "", "?limit=0", "?limit=101", "?limit=x", "?timestamp=-1&limit=10", "?timestamp=soon&limit=10" })
        {
            Assert.Equal(4, (await client.GetApiAsync("/feed" + query, user.AccessToken)).Code);
            Assert.Equal(4, (await client.GetApiAsync("/articles/pub/latest" + query)).Code);
        }
        Assert.Equal(401, (int)(await client.GetApiAsync("/feed?limit=10")).Status);
    }

    private static long Id(JsonElement article) => article.GetProperty("id").GetInt64();

    private static async Task<bool> Delay()
    {
        await Task.Delay(100);
        return true;
    }

    private static async Task<long> CtimeAsync(HttpClient client, long id) =>
        (await client.GetApiAsync("/articles/pub/latest?limit=100")).Data.EnumerateArray().Single(a => Id(a) == id).GetProperty("ctime").GetInt64();

    private static async Task FollowAsync(HttpClient client, LoggedInUser follower, LoggedInUser followee) =>
        Assert.Equal(0, (await client.PostApiAsync("/follow/follow", new { followee = await FollowTests.IdOf(client, followee) }, follower.AccessToken)).Code);

    internal static async Task<List<JsonElement>> WaitForAsync(HttpClient client, LoggedInUser user, Func<List<JsonElement>, bool> done)
    {
        var deadline = DateTime.UtcNow + Patience;
        var list = await ListAsync(client, user);
        while (!done(list) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
            list = await ListAsync(client, user);
        }
        Assert.True(done(list), $"the feed never got there: {JsonSerializer.Serialize(list)}");
        return list;
    }

    private static async Task<List<JsonElement>> ListAsync(HttpClient client, LoggedInUser user)
    {
        var answer = await client.GetApiAsync("/feed?limit=100", user.AccessToken);
        Assert.Equal(0, answer.Code);
        return answer.Data.EnumerateArray().ToList();
    }
}
