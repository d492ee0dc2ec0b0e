using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Webook.Core.Collections;
using Webook.TestSupport;

namespace Webook.EndToEndTests;

/// <summary>
/// The reader's liked and collected lists and their collections over HTTP against the real tables and Redis: order,
/// counts, moves, deletions that take their articles' records with them, refusals, and parallel changes.
/// </summary>
public sealed class CollectionTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private RunningServer Server => fixture.Server;

    [Fact]
    public async Task Liked_and_collected_lists_are_newest_first_with_each_articles_author_and_leave_withdrawn_articles_out()
    {
        using var client = Server.CreateClient();
        var (author, reader) = (await Accounts.SignupAndLoginAsync(client), await Accounts.SignupAndLoginAsync(client));
        var articles = new List<long>();
        for (var i = 0; i < 3; i++) articles.Add(await Articles.PublishAsync(client, author, $"Article {i}", $"<p>text {i}</p>"));

        foreach (var id in articles)
        {
            Assert.Equal(0, (await InteractionTests.LikeAsync(client, reader, id, true)).Code);
            Assert.Equal(0, (await InteractionTests.CollectAsync(client, reader, id, 0)).Code);
            await Task.Delay(5); // distinct milliseconds, so "newest first" has one answer
        }
        var liked = await ListAsync(client, reader, "/articles/pub/liked?offset=0&limit=10");
        Assert.Equal(Enumerable.Reverse(articles), liked.Select(Id));
        var first = liked[0];
        Assert.Equal(("Article 2", await FollowTests.IdOf(client, author)), (first.GetProperty("title").GetString(), first.GetProperty("author").GetProperty("id").GetInt64()));
        Assert.False(string.IsNullOrEmpty(first.GetProperty("author").GetProperty("name").GetString()));
        Assert.True(first.GetProperty("utime").GetInt64() > 0);
        Assert.Equal("text 2", first.GetProperty("abstract").GetString());
        Assert.Equal([articles[1]], (await ListAsync(client, reader, "/articles/pub/liked?offset=1&limit=1")).Select(Id));
        Assert.Equal(Enumerable.Reverse(articles), (await ListAsync(client, reader, "/articles/pub/collected?cid=0&offset=0&limit=10")).Select(Id));

        Assert.Equal(0, (await InteractionTests.LikeAsync(client, reader, articles[0], false)).Code);
        Assert.Equal(0, (await client.PostApiAsync("/articles/withdraw", new { id = articles[1] }, author.AccessToken)).Code);

        Assert.Equal([articles[2]], (await ListAsync(client, reader, "/articles/pub/liked?offset=0&limit=10")).Select(Id));
        Assert.Equal([articles[2], articles[0]], (await ListAsync(client, reader, "/articles/pub/collected?offset=0&limit=10")).Select(Id));
        Assert.Empty(await ListAsync(client, author, "/articles/pub/liked?offset=0&limit=10"));
    }

    [Fact]
    public async Task Collections_are_saved_listed_with_counts_moved_between_and_deleted_with_their_articles_leaving_them()
    {
        using var client = Server.CreateClient();
        var (author, reader) = (await Accounts.SignupAndLoginAsync(client), await Accounts.SignupAndLoginAsync(client));
        var (one, two) = (await Articles.PublishAsync(client, author, "One", "<p>1</p>"), await Articles.PublishAsync(client, author, "Two", "<p>2</p>"));

        var untouched = await CollectionsAsync(client, reader);
        Assert.Equal([(0L, "Default", 0L)], untouched.Select(c => (Id(c), Name(c), Count(c))));
        var books = await CreateAsync(client, reader, "Books", "to read");
        var later = await CreateAsync(client, reader, "Later");
        Assert.Equal(0, (await client.PostApiAsync("/collection/save", new { id = later, name = "  Read later ", description = "weekend" }, reader.AccessToken)).Code);
        foreach (var id in new[] { one, two }) Assert.Equal(0, (await InteractionTests.CollectAsync(client, reader, id, books)).Code);
        Assert.Equal(0, (await InteractionTests.CollectAsync(client, reader, one, 0)).Code);

        var collections = await CollectionsAsync(client, reader);
        Assert.Equal([(0L, "Default", 1L), (books, "Books", 2L), (later, "Read later", 0L)], collections.Select(c => (Id(c), Name(c), Count(c))));
        Assert.Equal(("to read", "weekend"), (collections[1].GetProperty("description").GetString(), collections[2].GetProperty("description").GetString()));
        Assert.True(collections[1].GetProperty("ctime").GetInt64() > 0);
        Assert.Equal(3, Collects(await InteractionTests.ReaderViewAsync(client, one)) + Collects(await InteractionTests.ReaderViewAsync(client, two)));

        Assert.Equal(0, (await client.PostApiAsync("/collection/move", new { id = two, from = books, to = later }, reader.AccessToken)).Code);
        Assert.Equal([1L, 1L, 1L], (await CollectionsAsync(client, reader)).Select(Count));
        Assert.Equal([two], (await ListAsync(client, reader, $"/articles/pub/collected?cid={later}&offset=0&limit=10")).Select(Id));
        Assert.Equal(1, Collects(await InteractionTests.ReaderViewAsync(client, two)));

        Assert.Equal(0, (await client.PostApiAsync("/collection/delete", new { id = books }, reader.AccessToken)).Code);
        Assert.Equal([0L, later], (await CollectionsAsync(client, reader)).Select(Id));
        var view = await InteractionTests.ReaderViewAsync(client, one, reader);
        Assert.Equal((1L, true), (Collects(view), view.GetProperty("collected").GetBoolean())); // still in the default collection
        Assert.Equal(4, (await client.PostApiAsync("/collection/delete", new { id = books }, reader.AccessToken)).Code);
        Assert.Equal(4, (await InteractionTests.CollectAsync(client, reader, two, books)).Code);
    }

    [Fact]
    public async Task Bad_input_is_refused_with_code_4_and_changes_nothing()
    {
        using var client = Server.CreateClient();
        var (author, reader) = (await Accounts.SignupAndLoginAsync(client), await Accounts.SignupAndLoginAsync(client));
        var article = await Articles.PublishAsync(client, author, "Kept", "<p>k</p>");
        var shelf = await CreateAsync(client, reader, "Shelf");
        Assert.Equal(0, (await InteractionTests.CollectAsync(client, reader, article, shelf)).Code);
        var theirs = await CreateAsync(client, author, "Theirs");
        var before = await CollectionsAsync(client, reader);

        object[] saves =
        [
            new { }, new { name = "" }, new { name = "   " }, new { name = new string('n', CollectionHandlers.NameLength + 1) },
            new { name = "ok", description = new string('d', CollectionHandlers.DescriptionLength + 1) },
            new { id = -1, name = "x" }, new { id = 1L << 53, name = "x" }, new { id = theirs, name = "mine" }, new { id = 12345, name = "x" },
        ];
        foreach (var body in saves) Assert.Equal(4, (await client.PostApiAsync("/collection/save", body, reader.AccessToken)).Code);
        foreach (var raw in new[] { """{"name": 5}""", """{"id": "one", "name": "x"}""", """{"name": "x", "description": []}""" })
            Assert.Equal(4, (await client.PostRawAsync("/collection/save", raw, reader.AccessToken)).Code);

        object[] deletes = [new { }, new { id = 0 }, new { id = -3 }, new { id = theirs }, new { id = 1L << 53 }];
        foreach (var body in deletes) Assert.Equal(4, (await client.PostApiAsync("/collection/delete", body, reader.AccessToken)).Code);
        Assert.Equal(4, (await client.PostRawAsync("/collection/delete", """{"id": "x"}""", reader.AccessToken)).Code);

        object[] moves =
        [
            new { from = shelf, to = 0 }, new { id = article, to = 0 }, new { id = article, from = shelf }, new { id = article, from = shelf, to = shelf },
            new { id = -1, from = shelf, to = 0 }, new { id = article, from = -1, to = 0 }, new { id = article, from = shelf, to = 1L << 53 },
            new { id = article, from = shelf, to = theirs }, new { id = article, from = 0, to = shelf }, new { id = 999_999_999, from = shelf, to = 0 },
        ];
        foreach (var body in moves) Assert.Equal(4, (await client.PostApiAsync("/collection/move", body, reader.AccessToken)).Code);

        foreach (var query in new[] { "", "?offset=0", "?limit=10", "?offset=-1&limit=10", "?offset=0&limit=0", "?offset=0&limit=101", "?offset=x&limit=1" })
            Assert.Equal(4, (await client.GetApiAsync("/articles/pub/liked" + query, reader.AccessToken)).Code);
        foreach (var query in new[] { $"cid={theirs}", "cid=-1", "cid=x", $"cid={1L << 53}", "cid=1&cid=2", "cid=424242" })
            Assert.Equal(4, (await client.GetApiAsync($"/articles/pub/collected?{query}&offset=0&limit=10", reader.AccessToken)).Code);
        Assert.Equal(4, (await InteractionTests.CollectAsync(client, reader, article, theirs)).Code);

        foreach (var path in new[] { "/collection/list", "/articles/pub/liked?offset=0&limit=1", "/articles/pub/collected?offset=0&limit=1" })
            Assert.Equal(401, (int)(await client.GetApiAsync(path)).Status);
        Assert.Equal(before.Select(c => c.GetRawText()), (await CollectionsAsync(client, reader)).Select(c => c.GetRawText()));
        Assert.Equal(["Default", "Theirs"], (await CollectionsAsync(client, author)).Select(Name));
        Assert.Equal(1, Collects(await InteractionTests.ReaderViewAsync(client, article)));
    }

    [Fact]
    public async Task Fifty_parallel_collects_and_then_moves_leave_each_count_equal_to_its_articles()
    {
        using var client = Server.CreateClient();
        var (author, reader) = (await Accounts.SignupAndLoginAsync(client), await Accounts.SignupAndLoginAsync(client));
        var articles = new List<long>();
        for (var i = 0; i < 50; i++) articles.Add(await Articles.PublishAsync(client, author, $"A{i}", "<p>a</p>"));
        var (from, to) = (await CreateAsync(client, reader, "From"), await CreateAsync(client, reader, "To"));

        var collects = await Task.WhenAll(articles.Select(id => InteractionTests.CollectAsync(client, reader, id, from)));
        Assert.All(collects, answer => Assert.Equal(0, answer.Code));
        var moves = await Task.WhenAll(articles.Take(20).SelectMany(id => Enumerable.Repeat(id, 2))
            .Select(id => client.PostApiAsync("/collection/move", new { id, from, to }, reader.AccessToken)));
        // Each article moved twice at once: one of the two finds it gone from `from` (code 4) unless both read it there.
        Assert.All(moves, answer => Assert.True(answer.Code is 0 or 4, answer.Msg));

        var counts = (await CollectionsAsync(client, reader)).ToDictionary(Id, Count);
        Assert.Equal((30L, 20L), (counts[from], counts[to]));
        Assert.Equal(30, (await ListAsync(client, reader, $"/articles/pub/collected?cid={from}&offset=0&limit=100")).Count);
        Assert.Equal(20, (await ListAsync(client, reader, $"/articles/pub/collected?cid={to}&offset=0&limit=100")).Count);
        var views = await Task.WhenAll(articles.Select(id => InteractionTests.ReaderViewAsync(client, id)));
        Assert.All(views, view => Assert.Equal(1, Collects(view)));
    }

    [Fact]
    public async Task A_deletion_a_stopped_process_left_half_done_is_finished_by_the_owners_next_list()
    {
        await using var server = await RunningServer.StartAsync(new Dictionary<string, string?> { ["Collections:RepairAfter"] = "00:00:01" });
        using var client = server.CreateClient();
        var (author, reader) = (await Accounts.SignupAndLoginAsync(client), await Accounts.SignupAndLoginAsync(client));
        var article = await Articles.PublishAsync(client, author, "Kept", "<p>k</p>");
        var shelf = await CreateAsync(client, reader, "Shelf");
        Assert.Equal(0, (await InteractionTests.CollectAsync(client, reader, article, shelf)).Code);

        // What a process that stopped right after marking the deletion leaves.
        var readerId = await FollowTests.IdOf(client, reader);
        Assert.True(await server.Services.GetRequiredService<ICollectionStore>().BeginDeletingAsync(readerId, shelf, default));
        Assert.Equal([0L], (await CollectionsAsync(client, reader)).Select(Id));
        Assert.Equal(1, Collects(await InteractionTests.ReaderViewAsync(client, article)));

        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.Equal([0L], (await CollectionsAsync(client, reader)).Select(Id));

        Assert.Equal(0, Collects(await InteractionTests.ReaderViewAsync(client, article)));
        Assert.Empty(await server.Services.GetRequiredService<ICollectionStore>().ListAsync(readerId, default));
    }

    internal static async Task<long> CreateAsync(HttpClient client, LoggedInUser user, string name, string? description = null)
    {
        var answer = await client.PostApiAsync("/collection/save", new { name, description }, user.AccessToken);
        Assert.Equal(0, answer.Code);
        return answer.Data.GetInt64();
    }

    private static async Task<List<JsonElement>> CollectionsAsync(HttpClient client, LoggedInUser user) =>
        await ListAsync(client, user, "/collection/list");

    private static async Task<List<JsonElement>> ListAsync(HttpClient client, LoggedInUser user, string path)
    {
        var answer = await client.GetApiAsync(path, user.AccessToken);
        Assert.Equal(0, answer.Code);
        return answer.Data.EnumerateArray().ToList();
    }

    private static long Id(JsonElement e) => e.GetProperty("id").GetInt64();
    private static string? Name(JsonElement e) => e.GetProperty("name").GetString();
    private static long Count(JsonElement e) => e.GetProperty("count").GetInt64();
    private static long Collects(JsonElement view) => view.GetProperty("collectCnt").GetInt64();
}
