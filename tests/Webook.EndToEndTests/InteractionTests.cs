using Webook.Core.Interactions.Storage;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Webook.Core.Interactions;
using Webook.Core.Storage.Redis;
using Webook.TestSupport;

namespace Webook.EndToEndTests;

/// <summary>Likes, collections and read counts over HTTP, against the real tables, Redis and Kafka broker.</summary>
public sealed class InteractionTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private RunningServer Server => fixture.Server;

    [Fact]
    public async Task Likes_and_collections_show_in_the_reader_view_and_are_idempotent()
    {
        using var client = Server.CreateClient();
        var author = await Accounts.SignupAndLoginAsync(client);
        var reader = await Accounts.SignupAndLoginAsync(client);
        var article = await Articles.PublishAsync(client, author, "Liked", "<p>like me</p>");

        Assert.Equal(0, (await LikeAsync(client, reader, article, true)).Code);
        Assert.Equal(0, (await LikeAsync(client, reader, article, true)).Code);
        var shelf = await CollectionTests.CreateAsync(client, reader, "shelf");
        Assert.Equal(0, (await CollectAsync(client, reader, article, cid: 0)).Code);
        Assert.Equal(0, (await CollectAsync(client, reader, article, cid: shelf)).Code);

        var mine = await ReaderViewAsync(client, article, reader);
        Assert.Equal((1, 2, true, true), (Likes(mine), Collects(mine), mine.GetProperty("liked").GetBoolean(), mine.GetProperty("collected").GetBoolean()));
        var authors = await ReaderViewAsync(client, article, author);
        Assert.Equal((1, false, false), (Likes(authors), authors.GetProperty("liked").GetBoolean(), authors.GetProperty("collected").GetBoolean()));
        var anonymous = await ReaderViewAsync(client, article);
        Assert.Equal((1, 2, false), (Likes(anonymous), Collects(anonymous), anonymous.GetProperty("liked").GetBoolean()));

        Assert.Equal(0, (await LikeAsync(client, reader, article, false)).Code);
        Assert.Equal(0, (await LikeAsync(client, reader, article, false)).Code);
        Assert.Equal(0, (await CollectAsync(client, reader, article, cid: shelf, collect: false)).Code);
        mine = await ReaderViewAsync(client, article, reader);
        Assert.Equal((0, 1, false, true), (Likes(mine), Collects(mine), mine.GetProperty("liked").GetBoolean(), mine.GetProperty("collected").GetBoolean()));
    }

    [Fact]
    public async Task Bad_input_is_refused_and_changes_nothing()
    {
        using var client = Server.CreateClient();
        var author = await Accounts.SignupAndLoginAsync(client);
        var article = await Articles.PublishAsync(client, author, "Refusals", "<p>x</p>");
        var draft = await Articles.EditAsync(client, author, "Never published", "<p>x</p>");

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostApiAsync("/articles/pub/like", new { id = article, like = true })).Status);
        Assert.Equal((4, "Article not found."), Answer(await LikeAsync(client, author, draft, true)));
        Assert.Equal((4, "Article not found."), Answer(await CollectAsync(client, author, 999_999_999_999, cid: 0)));
        Assert.Equal(4, (await client.PostApiAsync("/articles/pub/like", new { id = article }, author.AccessToken)).Code);
        Assert.Equal(4, (await client.PostApiAsync("/articles/pub/like", new { id = -1, like = true }, author.AccessToken)).Code);
        Assert.Equal(4, (await client.PostApiAsync("/articles/pub/collect", new { id = article, cid = -1 }, author.AccessToken)).Code);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostApiAsync("/articles/pub/like", new { id = article, like = "yes" }, author.AccessToken)).Status);
        var withBadToken = await client.GetApiAsync($"/articles/pub/{article}", "not-a-token");
        Assert.Equal((0, false), (withBadToken.Code, withBadToken.Data.GetProperty("liked").GetBoolean()));

        var view = await ReaderViewAsync(client, article, author);
        Assert.Equal((0, 0), (Likes(view), Collects(view)));
    }

    [Fact]
    public async Task Fifty_users_liking_at_once_give_fifty_and_one_users_twenty_likes_give_one()
    {
        using var client = Server.CreateClient();
        var author = await Accounts.SignupAndLoginAsync(client);
        var article = await Articles.PublishAsync(client, author, "Popular", "<p>hot</p>");
        var readers = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Accounts.SignupAndLoginAsync(client)));

        var likes = await Task.WhenAll(readers.Select(r => LikeAsync(client, r, article, true)));
        Assert.All(likes, l => Assert.Equal(0, l.Code));
        Assert.Equal(50, Likes(await ReaderViewAsync(client, article)));
        Assert.Equal(50, (await TableCountsAsync(article)).Likes);

        var second = await Articles.PublishAsync(client, author, "Liked once", "<p>once</p>");
        var repeated = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => LikeAsync(client, readers[0], second, true)));
        Assert.All(repeated, l => Assert.Equal(0, l.Code));
        Assert.Equal((1, 1L), (Likes(await ReaderViewAsync(client, second)), (await TableCountsAsync(second)).Likes));
    }

    [Fact]
    public async Task Concurrent_likes_and_unlikes_of_one_user_leave_record_count_and_their_own_view_agreeing()
    {
        using var client = Server.CreateClient();
        var author = await Accounts.SignupAndLoginAsync(client);
        var reader = await Accounts.SignupAndLoginAsync(client);
        var article = await Articles.PublishAsync(client, author, "Undecided", "<p>yes no</p>");

        for (var round = 0; round < 5; round++)
        {
            // The reader's own views run among the changes, so cache fills race with them.
            var views = Task.WhenAll(Enumerable.Range(0, 20).Select(_ => ReaderViewAsync(client, article, reader)));
            var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => LikeAsync(client, reader, article, i % 2 == 0)));
            await views;
            Assert.All(answers, a => Assert.Equal(0, a.Code));

            var view = await ReaderViewAsync(client, article, reader);
            var liked = view.GetProperty("liked").GetBoolean();
            Assert.Equal(liked ? 1 : 0, Likes(view));
            Assert.Equal(liked ? 1 : 0, (await TableCountsAsync(article)).Likes);
        }
    }

    [Fact]
    public async Task The_cache_never_shows_more_likes_than_the_table_even_while_it_is_reloaded()
    {
        using var client = Server.CreateClient();
        var author = await Accounts.SignupAndLoginAsync(client);
        var article = await Articles.PublishAsync(client, author, "Reloaded", "<p>counts</p>");
        var readers = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => Accounts.SignupAndLoginAsync(client)));
        var cache = (RedisCountCache)Server.Services.GetRequiredService<ICountCache>();
        var redis = Server.Services.GetRequiredService<RedisConnection>();

        var liking = Task.WhenAll(readers.Select(r => LikeAsync(client, r, article, true)));
        var seen = new List<long>();
        while (!liking.IsCompleted)
        {
            // Drop the cached counts so reads reload them from the table while likes land.
            await redis.Database.KeyDeleteAsync(cache.Key(article));
            seen.Add(Likes(await ReaderViewAsync(client, article)));
        }
        await liking;

        Assert.All(seen, likes => Assert.InRange(likes, 0, 30));
        Assert.Equal(30, Likes(await ReaderViewAsync(client, article)));
        Assert.Equal(30, (await cache.GetAsync(article, default))!.Likes);
        Assert.Equal(30, (await TableCountsAsync(article)).Likes);
    }

    [Fact]
    public async Task Reads_are_counted_through_the_broker_within_seconds()
    {
        using var client = Server.CreateClient();
        var author = await Accounts.SignupAndLoginAsync(client);
        var article = await Articles.PublishAsync(client, author, "Read me", "<p>five times</p>");

        for (var i = 0; i < 5; i++) Assert.Equal(0, (await Articles.ReadAsync(client, article, i % 2 == 0 ? author.AccessToken : null)).Code);

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while ((await TableCountsAsync(article)).Reads < 5 && DateTime.UtcNow < deadline) await Task.Delay(200);
        Assert.Equal(5, (await TableCountsAsync(article)).Reads);
        // The count the readers see comes from the same row, through the cache the consumer refreshed.
        Assert.Equal(5, (await Server.Services.GetRequiredService<ICountCache>().GetAsync(article, default))!.Reads);
    }

    private Task<InteractionCounts> TableCountsAsync(long article) =>
        Server.Services.GetRequiredService<IInteractionStore>().GetCountsAsync(article, default);

    public static Task<ApiResponse> LikeAsync(HttpClient client, LoggedInUser user, long id, bool like) =>
        client.PostApiAsync("/articles/pub/like", new { id, like }, user.AccessToken);

    public static Task<ApiResponse> CollectAsync(HttpClient client, LoggedInUser user, long id, long cid, bool collect = true) =>
        client.PostApiAsync("/articles/pub/collect", new { id, cid, collect }, user.AccessToken);

    public static async Task<JsonElement> ReaderViewAsync(HttpClient client, long id, LoggedInUser? user = null)
    {
        var view = await Articles.ReadAsync(client, id, user?.AccessToken);
        Assert.Equal(0, view.Code);
        return view.Data;
    }

    public static long Likes(JsonElement view) => view.GetProperty("likeCnt").GetInt64();

    private static long Collects(JsonElement view) => view.GetProperty("collectCnt").GetInt64();

    private static (int, string) Answer(ApiResponse response) => (response.Code, response.Msg);
}
