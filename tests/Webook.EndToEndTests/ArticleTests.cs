using System.Net;
using System.Text.Json;
using Webook.TestSupport;

namespace Webook.EndToEndTests;

public sealed class ArticleTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly HttpClient _client = fixture.Server.CreateClient();
    private readonly HttpClient _anonymous = new();

    [Fact]
    public async Task Write_publish_read_edit_republish_and_withdraw()
    {
        var author = await Accounts.SignupAndLoginAsync(_client);
        await _client.PostApiAsync("/users/edit", new { nickname = "Ada", birthday = "", aboutMe = "" }, author.AccessToken);

        var id = await Articles.EditAsync(_client, author, "Engines", "<p>First &amp; draft</p>");
        Assert.InRange(id, 1, (1L << 53) - 1);
        var draft = (await Articles.DetailAsync(_client, author, id)).Data;
        Assert.Equal(("Engines", "<p>First &amp; draft</p>", 1), (draft.GetProperty("title").GetString(), draft.GetProperty("content").GetString(), draft.GetProperty("status").GetInt32()));
        Assert.Equal(4, (await Articles.ReadAsync(_client, id)).Code);

        Assert.Equal(id, await Articles.PublishAsync(_client, author, "Engines", "<h1>Analytical</h1><p>v1</p>", id));
        var read = await Articles.ReadAsync(_client, id);
        var published = read.Data;
        Assert.Equal("<h1>Analytical</h1><p>v1</p>", published.GetProperty("content").GetString());
        Assert.Contains("<h1>Analytical</h1>", await read.Raw.Content.ReadAsStringAsync());
        Assert.Equal((author.Email, "Ada"), (author.Email, published.GetProperty("author").GetProperty("name").GetString()));
        Assert.Equal(0, published.GetProperty("likeCnt").GetInt64());
        Assert.Equal(2, (await Articles.DetailAsync(_client, author, id)).Data.GetProperty("status").GetInt32());
        var url = published.GetProperty("contentUrl").GetString()!;
        var served = await _anonymous.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("<h1>Analytical</h1><p>v1</p>", await served.Content.ReadAsStringAsync());
        Assert.Equal("text/html; charset=utf-8", served.Content.Headers.ContentType!.ToString());
        Assert.Equal("public, max-age=300", served.Headers.CacheControl!.ToString());

        await Articles.EditAsync(_client, author, "Engines", "<p>v2 in progress</p>", id);
        Assert.Equal(1, (await Articles.DetailAsync(_client, author, id)).Data.GetProperty("status").GetInt32());
        Assert.Equal("<h1>Analytical</h1><p>v1</p>", (await Articles.ReadAsync(_client, id)).Data.GetProperty("content").GetString());

        await Articles.PublishAsync(_client, author, "Engines, revised", "<p>v2</p>", id);
        var republished = (await Articles.ReadAsync(_client, id)).Data;
        Assert.Equal(("Engines, revised", "<p>v2</p>"), (republished.GetProperty("title").GetString(), republished.GetProperty("content").GetString()));
        Assert.Equal("<p>v2</p>", await _anonymous.GetStringAsync(republished.GetProperty("contentUrl").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, (await _anonymous.GetAsync(url)).StatusCode);

        Assert.Equal(0, (await _client.PostApiAsync("/articles/withdraw", new { id }, author.AccessToken)).Code);
        Assert.Equal((4, "Article not found."), ((await Articles.ReadAsync(_client, id)).Code, (await Articles.ReadAsync(_client, id)).Msg));
        Assert.Equal(HttpStatusCode.NotFound, (await _anonymous.GetAsync(republished.GetProperty("contentUrl").GetString())).StatusCode);
        Assert.Equal(3, (await Articles.DetailAsync(_client, author, id)).Data.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Scripts_event_handlers_and_javascript_links_never_reach_a_reader_or_the_blob()
    {
        const string hostile = "<h1>Safe</h1><script>alert(document.cookie)</script><p onclick=\"steal()\">Hi "
                               + "<a href=\"javascript:alert(1)\">bad</a> <a href=\"https://example.com/\">good</a>"
                               + "<img src=\"https://img.example/a.png\" onerror=\"alert(2)\"></p><iframe src=\"https://evil.example/\"></iframe>";
        const string safe = "<h1>Safe</h1><p>Hi <a>bad</a> <a href=\"https://example.com/\">good</a><img src=\"https://img.example/a.png\"></p>";
        var author = await Accounts.SignupAndLoginAsync(_client);

        var id = await Articles.EditAsync(_client, author, "Hostile", hostile);
        Assert.Equal(safe, (await Articles.DetailAsync(_client, author, id)).Data.GetProperty("content").GetString());
        Assert.Equal(id, await Articles.PublishAsync(_client, author, "Hostile", hostile, id));

        var published = (await Articles.ReadAsync(_client, id)).Data;
        Assert.Equal(safe, published.GetProperty("content").GetString());
        Assert.Equal(safe, (await Articles.DetailAsync(_client, author, id)).Data.GetProperty("content").GetString());
        Assert.Equal("Safe Hi bad good", (await Articles.ListAsync(_client, author, 0, 1))[0].GetProperty("abstract").GetString());

        var served = await _anonymous.GetAsync(published.GetProperty("contentUrl").GetString());
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal(safe, await served.Content.ReadAsStringAsync());
        Assert.Equal("text/html; charset=utf-8", served.Content.Headers.ContentType!.ToString());
        Assert.Equal("inline", served.Content.Headers.ContentDisposition!.ToString());
        Assert.Equal("public, max-age=300", served.Headers.CacheControl!.ToString());
    }

    [Fact]
    public async Task Only_the_author_can_edit_publish_withdraw_or_read_a_draft()
    {
        var author = await Accounts.SignupAndLoginAsync(_client);
        var other = await Accounts.SignupAndLoginAsync(_client);
        var id = await Articles.PublishAsync(_client, author, "Mine", "<p>mine</p>");

        foreach (var path in new[] { "/articles/edit", "/articles/publish" })
            Assert.Equal((4, "Article not found."), Answer(await _client.PostApiAsync(path, new { id, title = "Stolen", content = "x" }, other.AccessToken)));
        Assert.Equal((4, "Article not found."), Answer(await _client.PostApiAsync("/articles/withdraw", new { id }, other.AccessToken)));
        Assert.Equal((4, "Article not found."), Answer(await Articles.DetailAsync(_client, other, id)));

        Assert.Equal("Mine", (await Articles.DetailAsync(_client, author, id)).Data.GetProperty("title").GetString());
        Assert.Equal("<p>mine</p>", (await Articles.ReadAsync(_client, id)).Data.GetProperty("content").GetString());
        Assert.Empty(await Articles.ListAsync(_client, other, 0, 10));
    }

    [Fact]
    public async Task Readers_need_no_token_and_a_bad_one_does_not_stop_them()
    {
        var author = await Accounts.SignupAndLoginAsync(_client);
        var id = await Articles.PublishAsync(_client, author, "Open", "<p>open</p>");
        Assert.Equal(0, (await Articles.ReadAsync(_client, id)).Code);
        Assert.Equal(0, (await Articles.ReadAsync(_client, id, author.AccessToken)).Code);
        Assert.Equal(0, (await Articles.ReadAsync(_client, id, "garbage")).Code);
    }

    [Fact]
    public async Task The_list_pages_newest_first_with_abstracts()
    {
        var author = await Accounts.SignupAndLoginAsync(_client);
        var ids = new List<long>();
        for (var i = 0; i < 7; i++)
            ids.Add(await Articles.EditAsync(_client, author, $"Article {i}", $"<h2>Part {i}</h2><p>{new string('x', 200)}</p>"));
        await Articles.PublishAsync(_client, author, "Article 6", "<p>published</p>", ids[6]);
        ids.Reverse();

        var pages = new[] { await Articles.ListAsync(_client, author, 0, 3), await Articles.ListAsync(_client, author, 3, 3), await Articles.ListAsync(_client, author, 6, 3) };

        Assert.Equal([3, 3, 1], pages.Select(p => p.Count));
        Assert.Equal(ids, pages.SelectMany(p => p).Select(a => a.GetProperty("id").GetInt64()));
        var newest = pages[0][0];
        Assert.Equal(("Article 6", 2, "published"), (newest.GetProperty("title").GetString(), newest.GetProperty("status").GetInt32(), newest.GetProperty("abstract").GetString()));
        var second = pages[0][1].GetProperty("abstract").GetString()!;
        Assert.Equal(128, second.Length);
        Assert.StartsWith("Part 5 xxx", second);
        Assert.False(pages[0][1].TryGetProperty("content", out _));
        Assert.True(pages[0][0].GetProperty("utime").GetInt64() >= pages[0][0].GetProperty("ctime").GetInt64());
        Assert.Empty(await Articles.ListAsync(_client, author, 100, 10));
    }

    [Fact]
    public async Task Concurrent_publishes_of_one_article_leave_both_copies_at_the_same_version()
    {
        var author = await Accounts.SignupAndLoginAsync(_client);
        var id = await Articles.EditAsync(_client, author, "Race", "<p>start</p>");

        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            _client.PostApiAsync("/articles/publish", new { id, title = $"Race {i}", content = $"<p>version {i}</p>" }, author.AccessToken)));

        Assert.All(answers, a => Assert.Equal(0, a.Code));
        var draft = (await Articles.DetailAsync(_client, author, id)).Data;
        var published = (await Articles.ReadAsync(_client, id)).Data;
        Assert.Equal(draft.GetProperty("title").GetString(), published.GetProperty("title").GetString());
        Assert.Equal(draft.GetProperty("content").GetString(), published.GetProperty("content").GetString());
        Assert.Equal(2, draft.GetProperty("status").GetInt32());
        Assert.Equal(published.GetProperty("content").GetString(), await _anonymous.GetStringAsync(published.GetProperty("contentUrl").GetString()));
    }

    private static (int, string) Answer(ApiResponse response) => (response.Code, response.Msg);
}
