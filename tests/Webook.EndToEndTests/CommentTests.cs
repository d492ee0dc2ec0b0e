using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Webook.Core.Storage.Redis;
using Webook.TestSupport;

namespace Webook.EndToEndTests;

/// <summary>Comments over HTTP against the real tables and Redis: threads, paging, deletes, counts, refusals and the flood limit.</summary>
public sealed class CommentTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private RunningServer Server => fixture.Server;

    [Fact]
    public async Task Roots_list_newest_first_with_their_first_replies_and_replies_page_oldest_first()
    {
        using var client = Server.CreateClient();
        var (author, reader) = (await Accounts.SignupAndLoginAsync(client), await Accounts.SignupAndLoginAsync(client));
        var article = await Articles.PublishAsync(client, author, "Discussed", "<p>talk</p>");

        var first = await PostAsync(client, reader, article, "first <b>root</b>");
        var second = await PostAsync(client, author, article, "second root");
        var replies = new List<long>();
        for (var i = 0; i < 5; i++) replies.Add(await PostAsync(client, i % 2 == 0 ? author : reader, article, $"reply {i}", i == 0 ? first : replies[^1]));

        var page = (await client.GetApiAsync($"/articles/pub/comment?id={article}&limit=10")).Data;
        Assert.Equal([second, first], page.EnumerateArray().Select(c => c.GetProperty("id").GetInt64()));
        var root = page[1];
        Assert.Equal(("first <b>root</b>", 5L), (root.GetProperty("content").GetString(), root.GetProperty("replyCnt").GetInt64()));
        Assert.Equal(replies[..3], root.GetProperty("replies").EnumerateArray().Select(r => r.GetProperty("id").GetInt64()));
        var reply = root.GetProperty("replies")[1];
        Assert.Equal(replies[0], reply.GetProperty("parentId").GetInt64());
        Assert.Equal(root.GetProperty("user").GetProperty("id").GetInt64(), root.GetProperty("replies")[0].GetProperty("replyTo").GetProperty("id").GetInt64());
        Assert.Equal([first], (await client.GetApiAsync($"/articles/pub/comment?id={article}&min_id={second}&limit=10")).Data
            .EnumerateArray().Select(c => c.GetProperty("id").GetInt64()));

        var rest = (await client.GetApiAsync($"/articles/pub/comment/{first}/replies?max_id={replies[2]}&limit=10")).Data;
        Assert.Equal(replies[3..], rest.EnumerateArray().Select(r => r.GetProperty("id").GetInt64()));
        Assert.Equal(7, (await client.GetApiAsync($"/articles/pub/comment_cnt?id={article}")).Data.GetInt64());
    }

    [Fact]
    public async Task Deleting_is_for_the_comments_author_and_the_articles_author_and_a_root_takes_its_replies()
    {
        using var client = Server.CreateClient();
        var (author, reader, other) = (await Accounts.SignupAndLoginAsync(client), await Accounts.SignupAndLoginAsync(client), await Accounts.SignupAndLoginAsync(client));
        var article = await Articles.PublishAsync(client, author, "Moderated", "<p>x</p>");
        var root = await PostAsync(client, reader, article, "root");
        var kept = await PostAsync(client, reader, article, "kept");
        var reply = await PostAsync(client, other, article, "reply", root);
        await PostAsync(client, reader, article, "reply to reply", reply);

        Assert.Equal(4, (await client.GetApiAsync($"/articles/pub/{article}")).Data.GetProperty("commentCnt").GetInt64());
        Assert.Equal(4, (await DeleteAsync(client, other, root)).Code);
        Assert.Equal(0, (await DeleteAsync(client, other, reply)).Code);
        Assert.Equal(4, (await DeleteAsync(client, other, reply)).Code);
        Assert.Equal(3, await CountAsync(client, article));
        Assert.Equal(4, (await client.PostApiAsync("/articles/pub/comment", new { id = article, content = "late", parent_id = reply }, reader.AccessToken)).Code);

        Assert.Equal(0, (await DeleteAsync(client, author, root)).Code);
        Assert.Equal(1, await CountAsync(client, article));
        Assert.Equal(1, (await client.GetApiAsync($"/articles/pub/{article}", reader.AccessToken)).Data.GetProperty("commentCnt").GetInt64());
        Assert.Equal([kept], (await client.GetApiAsync($"/articles/pub/comment?id={article}&limit=10")).Data.EnumerateArray().Select(c => c.GetProperty("id").GetInt64()));
        Assert.Equal(4, (await client.GetApiAsync($"/articles/pub/comment/{root}/replies?limit=10")).Code);
    }

    [Fact]
    public async Task The_first_page_is_answered_from_redis_until_a_comment_is_posted_or_deleted()
    {
        using var client = Server.CreateClient();
        var author = await Accounts.SignupAndLoginAsync(client);
        var article = await Articles.PublishAsync(client, author, "Cached", "<p>x</p>");
        var first = await PostAsync(client, author, article, "one");
        var redis = Server.Services.GetRequiredService<RedisConnection>();
        var pages = redis.Key($"comments:article:{article}:pages");

        var page = await client.GetApiAsync($"/articles/pub/comment?id={article}&limit=10");
        Assert.Equal(1, page.Data.GetArrayLength());
        Assert.True(await redis.Database.HashExistsAsync(pages, 10));
        Assert.Equal(page.Raw.Content.Headers.ContentLength, (await redis.Database.HashGetAsync(pages, 10)).Length());

        var second = await PostAsync(client, author, article, "two");
        Assert.False(await redis.Database.KeyExistsAsync(pages));
        Assert.Equal([second, first], (await client.GetApiAsync($"/articles/pub/comment?id={article}&limit=10")).Data
            .EnumerateArray().Select(c => c.GetProperty("id").GetInt64()));
        Assert.Equal(0, (await DeleteAsync(client, author, second)).Code);
        Assert.Equal([first], (await client.GetApiAsync($"/articles/pub/comment?id={article}&limit=10")).Data
            .EnumerateArray().Select(c => c.GetProperty("id").GetInt64()));
    }

    [Fact]
    public async Task A_comment_posted_on_one_instance_shows_in_the_first_page_another_instance_kept()
    {
        await using var other = await RunningServer.StartAsync(new Dictionary<string, string?>(Server.Settings)
            { ["urls"] = "http://127.0.0.1:0", ["ReadEvents:ConsumerEnabled"] = "false" });
        using var here = Server.CreateClient();
        using var there = other.CreateClient();
        var author = await Accounts.SignupAndLoginAsync(here);
        var article = await Articles.PublishAsync(here, author, "Two instances", "<p>x</p>");
        var first = await PostAsync(here, author, article, "one");
        for (var i = 0; i < 3; i++) Assert.Equal(1, (await there.GetApiAsync($"/articles/pub/comment?id={article}&limit=10")).Data.GetArrayLength());

        var second = await PostAsync(here, author, article, "two");

        var shown = 0;
        for (var i = 0; i < 100 && shown != 2; i++, await Task.Delay(50))
            shown = (await there.GetApiAsync($"/articles/pub/comment?id={article}&limit=10")).Data.GetArrayLength();
        Assert.Equal(2, shown);
        Assert.Equal(2, (await there.GetApiAsync($"/articles/pub/comment_cnt?id={article}")).Data.GetInt64());
        Assert.Equal([second, first], (await there.GetApiAsync($"/articles/pub/comment?id={article}&limit=10")).Data
            .EnumerateArray().Select(c => c.GetProperty("id").GetInt64()));
    }

    [Fact]
    public async Task Parallel_posts_and_deletes_leave_the_counts_equal_to_the_comments()
    {
        using var client = Server.CreateClient();
        var (author, reader) = (await Accounts.SignupAndLoginAsync(client), await Accounts.SignupAndLoginAsync(client));
        var article = await Articles.PublishAsync(client, author, "Busy", "<p>x</p>");
        var root = await PostAsync(client, author, article, "root");

        var posted = await Task.WhenAll(Enumerable.Range(0, 18).Select(i => PostAsync(client, i % 2 == 0 ? author : reader, article, $"reply {i}", root)));
        await Task.WhenAll(posted.Where((_, i) => i % 3 == 0).Select(id => DeleteAsync(client, author, id)));

        var rootView = (await client.GetApiAsync($"/articles/pub/comment?id={article}&limit=10")).Data[0];
        Assert.Equal(12, rootView.GetProperty("replyCnt").GetInt64());
        Assert.Equal(12, (await client.GetApiAsync($"/articles/pub/comment/{root}/replies?limit=100")).Data.GetArrayLength());
        Assert.Equal(13, await CountAsync(client, article));
    }

    [Fact]
    public async Task Bad_input_drafts_other_articles_parents_and_floods_are_refused_and_change_nothing()
    {
        using var client = Server.CreateClient();
        var (author, reader) = (await Accounts.SignupAndLoginAsync(client), await Accounts.SignupAndLoginAsync(client));
        var article = await Articles.PublishAsync(client, author, "Strict", "<p>x</p>");
        var elsewhere = await Articles.PublishAsync(client, author, "Elsewhere", "<p>x</p>");
        var draft = await Articles.EditAsync(client, author, "Draft", "<p>x</p>");
        var foreign = await PostAsync(client, reader, elsewhere, "there");

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostApiAsync("/articles/pub/comment", new { id = article, content = "x" })).Status);
        foreach (var body in new object[]
                 {
                     new { id = article }, new { id = article, content = "" }, new { id = article, content = "   " },
                     new { id = article, content = new string('x', 1001) }, new { id = -1, content = "x" }, new { content = "x" },
                     new { id = article, content = "x", parent_id = -5 }, new { id = article, content = "x", parent_id = foreign },
                     new { id = article, content = "x", parent_id = 123456789 }, new { id = draft, content = "x" },
                 })
            Assert.Equal(4, (await client.PostApiAsync("/articles/pub/comment", body, reader.AccessToken)).Code);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostApiAsync("/articles/pub/comment", new { id = article, content = 5 }, reader.AccessToken)).Status);
        Assert.Equal(0, (await client.PostApiAsync("/articles/pub/comment", new { id = article, content = new string('字', 1000), root_id = 9 }, reader.AccessToken)).Code);
        foreach (var query in new[] { $"id={article}", $"id={article}&limit=0", $"id={article}&limit=101", "limit=5", $"id={article}&min_id=-1&limit=5", $"id={draft}&limit=5" })
            Assert.Equal(4, (await client.GetApiAsync($"/articles/pub/comment?{query}")).Code);
        Assert.Equal(4, (await client.GetApiAsync("/articles/pub/comment_cnt?id=abc")).Code);
        Assert.Equal(4, (await client.GetApiAsync($"/articles/pub/comment_cnt?id={draft}")).Code);
        Assert.Equal(1, await CountAsync(client, article));

        // The flood limit (20 a minute by default): this user has posted twice in this test.
        var answers = new List<int>();
        for (var i = 0; i < 20; i++) answers.Add((await client.PostApiAsync("/articles/pub/comment", new { id = article, content = $"spam {i}" }, reader.AccessToken)).Code);
        Assert.Equal(18, answers.Count(code => code == 0));
        Assert.All(answers.Skip(18), code => Assert.Equal(4, code));
        Assert.Equal(19, await CountAsync(client, article));
    }

    internal static async Task<long> PostAsync(HttpClient client, LoggedInUser user, long article, string content, long? parent = null)
    {
        var answer = await client.PostApiAsync("/articles/pub/comment", new { id = article, content, parent_id = parent }, user.AccessToken);
        Assert.Equal(0, answer.Code);
        return answer.Data.GetInt64();
    }

    internal static async Task<ApiResponse> DeleteAsync(HttpClient client, LoggedInUser user, long comment)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, $"/articles/pub/comment/{comment}");
        request.Headers.Authorization = new("Bearer", user.AccessToken);
        return await ApiResponse.ReadAsync(await client.SendAsync(request));
    }

    private static async Task<long> CountAsync(HttpClient client, long article) =>
        (await client.GetApiAsync($"/articles/pub/comment_cnt?id={article}")).Data.GetInt64();
}
