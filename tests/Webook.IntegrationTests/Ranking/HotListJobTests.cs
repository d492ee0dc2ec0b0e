using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Webook.Core;
using Webook.Core.Accounts;
using Webook.Core.Articles;
using Webook.Core.Articles.Storage;
using Webook.Core.Comments;
using Webook.Core.Interactions;
using Webook.Core.Ranking;
using Webook.Core.Storage.Tables;
using Webook.IntegrationTests.Storage;
using Webook.TestSupport;

namespace Webook.IntegrationTests.Ranking;

/// <summary>
/// The hot-list job on the test Azurite and Redis, fed as the app feeds it (publishes, withdrawals and likes through the
/// repositories, comments through their store), against a full recompute read straight from the tables: published rows
/// scanned, every counts row and comment count read, ranked by the rule. The clock is fake so both rank at the same moment; it moves between changes so ages differ.
/// </summary>
public sealed class HotListJobTests
{
    private readonly string _prefix = TestEnvironment.UniqueName("hot");
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly Random _random = new(20261206);

    [Fact]
    public async Task Runs_that_read_only_the_changes_list_what_a_full_recompute_lists_and_a_run_after_nothing_changed_calls_no_table()
    {
        await using var app = Instance();
        var authors = await AuthorsAsync(app, 4);
        var published = new List<long>();
        for (var i = 0; i < 150; i++) published.Add(await PublishAsync(app, authors, id: 0));
        var likes = new HashSet<(long Article, long User)>();
        await LikeAsync(app, published, likes, 600);
        var comments = new List<Comment>();
        await CommentAsync(app, published, comments, 60);
        var job = app.GetRequiredService<IHotListJob>();

        Assert.Equal(await FullRecomputeAsync(app), Listed(await job.RunAsync(default)));

        for (var round = 0; round < 3; round++)
        {
            _time.Advance(TimeSpan.FromMinutes(_random.Next(5, 300)));
            for (var i = 0; i < 5; i++) published.Add(await PublishAsync(app, authors, id: 0));
            for (var i = 0; i < 5; i++) await PublishAsync(app, authors, published[_random.Next(published.Count)]); // republished: younger
            for (var i = 0; i < 3; i++)
            {
                var withdrawn = published[_random.Next(published.Count)];
                await app.GetRequiredService<ArticleRepository>().WithdrawAsync(await AuthorOfAsync(app, withdrawn), withdrawn, default);
            }
            await LikeAsync(app, published, likes, 150);
            await CommentAsync(app, published, comments, 20);

            var (calls, _, list) = await app.Requests.OfAsync(() => job.RunAsync(default));

            Assert.Equal(await FullRecomputeAsync(app), Listed(list));
            Assert.True(calls < published.Count / 2, $"{calls} table calls for {published.Count} articles: a run should read what changed");
        }

        var (idle, _, again) = await app.Requests.OfAsync(() => job.RunAsync(default));
        Assert.Equal(0, idle);
        Assert.Equal(await FullRecomputeAsync(app), Listed(again));

        // Another instance (no snapshot) starts from the first one's checkpoint and the journal's changes since, and lists the same.
        await using var other = Instance();
        Assert.Equal(await FullRecomputeAsync(app), Listed(await other.GetRequiredService<IHotListJob>().RunAsync(default)));

        // And with the checkpoint gone, from the table and the mirror.
        await using var third = Instance();
        await third.GetRequiredService<Webook.Core.Storage.Redis.RedisConnection>().Database.KeyDeleteAsync(
            third.GetRequiredService<Webook.Core.Storage.Redis.RedisConnection>().Key("{hotlist}:checkpoint"));
        Assert.Equal(await FullRecomputeAsync(app), Listed(await third.GetRequiredService<IHotListJob>().RunAsync(default)));
    }

    private static List<(long Id, long Likes, long Reads, long Comments, string Title)> Listed(IReadOnlyList<HotArticle> list) =>
        list.Select(a => (a.Id, a.LikeCnt, a.ReadCnt, a.CommentCnt, a.Title)).ToList();

    /// <summary>The rule of architecture.md over every published row and every counts row, read from the tables now.</summary>
    private async Task<List<(long Id, long Likes, long Reads, long Comments, string Title)>> FullRecomputeAsync(HotListApp app)
    {
        var options = app.GetRequiredService<IOptions<HotListOptions>>().Value;
        var now = _time.GetUtcNow();
        var table = await app.GetRequiredService<WebookTables>().GetAsync(WebookTables.Published, default);
        var counts = app.GetRequiredService<IInteractionStore>();
        var comments = app.GetRequiredService<ICommentStore>();
        var candidates = new List<(HotCandidate Candidate, string Title)>();
        await foreach (var row in table.QueryAsync<TableEntity>())
        {
            if (row.RowKey != row.PartitionKey) continue; // an outbox row (an event the brokers have not taken yet)
            var updated = row.GetDateTimeOffset("UpdatedAt")!.Value;
            if (row.GetInt32("Status") != (int)ArticleStatus.Published || updated < now - options.Window) continue;
            var id = long.Parse(row.PartitionKey, System.Globalization.CultureInfo.InvariantCulture);
            var c = await counts.GetCountsAsync(id, default);
            var commented = await comments.CountAsync(id, default);
            candidates.Add((new HotCandidate(new PublishedStamp(id, row.GetInt64("AuthorId")!.Value, updated), c.Likes, c.Reads, commented.Count,
                HotScore.Of(c.Likes, updated, now, options.Gravity)), row.GetString("Title")));
        }
        return candidates.OrderByDescending(c => c.Candidate, HotScore.Order).Take(options.Size)
            .Select(c => (c.Candidate.Article.Id, c.Candidate.Likes, c.Candidate.Reads, c.Candidate.Comments, c.Title)).ToList();
    }

    private async Task<long> PublishAsync(HotListApp app, long[] authors, long id)
    {
        _time.Advance(TimeSpan.FromSeconds(_random.Next(1, 600)));
        var author = id == 0 ? authors[_random.Next(authors.Length)] : await AuthorOfAsync(app, id);
        var saved = await app.GetRequiredService<ArticleRepository>().SaveAsync(new Article
        {
            Id = id, AuthorId = author, Title = $"Title {_random.Next()}", Content = "<p>text</p>",
        }, publish: true, default);
        return saved!.Id;
    }

    private static async Task<long> AuthorOfAsync(HotListApp app, long id)
    {
        var table = await app.GetRequiredService<WebookTables>().GetAsync(WebookTables.Published, default);
        return (await table.GetEntityAsync<TableEntity>(ArticleRows.Key(id), ArticleRows.Key(id))).Value.GetInt64("AuthorId")!.Value;
    }

    // Skewed like a real site: a few articles get most of the likes; a tenth of the changes take a like back.
    private async Task LikeAsync(HotListApp app, List<long> articles, HashSet<(long, long)> likes, int count)
    {
        var interactions = app.GetRequiredService<InteractionRepository>();
        for (var i = 0; i < count; i++)
        {
            var article = articles[(int)(articles.Count * Math.Pow(_random.NextDouble(), 3))];
            var user = _random.NextInt64(1, 60);
            var like = _random.Next(10) != 0;
            await interactions.SetLikeAsync(article, InteractionEvent.NoOneElse, user, like, default);
            if (like) likes.Add((article, user));
            else likes.Remove((article, user));
        }
    }

    // Roots and replies on the likelier articles; one in six changes deletes a comment (a root takes its replies).
    private async Task CommentAsync(HotListApp app, List<long> articles, List<Comment> comments, int count)
    {
        var store = app.GetRequiredService<ICommentStore>();
        for (var i = 0; i < count; i++)
        {
            if (comments.Count > 0 && _random.Next(6) == 0)
            {
                var gone = comments[_random.Next(comments.Count)];
                await store.DeleteAsync(gone, 1, default);
                comments.RemoveAll(c => c.Id == gone.Id || c.RootId == gone.Id);
                continue;
            }
            var article = articles[(int)(articles.Count * Math.Pow(_random.NextDouble(), 2))];
            var parent = comments.Where(c => c.ArticleId == article).Select(c => (long?)c.Id).FirstOrDefault();
            if (await store.AddAsync(article, 1, _random.NextInt64(1, 60), "comment " + i, _random.Next(2) == 0 ? parent : null, default) is { } added)
                comments.Add(added);
        }
    }

    private static async Task<long[]> AuthorsAsync(HotListApp app, int count)
    {
        var users = app.GetRequiredService<IUserStore>();
        var ids = new long[count];
        for (var i = 0; i < count; i++)
            ids[i] = (await users.TryInsertAsync(new User { Email = $"{Guid.NewGuid():N}@example.com", Nickname = "author " + i }, default))!.Id;
        return ids;
    }

    private HotListApp Instance()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = TestEnvironment.StorageConnectionString,
            ["Storage:TablePrefix"] = _prefix,
            ["Storage:ContentContainer"] = _prefix,
            ["Redis:ConnectionString"] = TestEnvironment.RedisConnectionString,
            ["Redis:KeyPrefix"] = _prefix + ":",
            ["HotList:RebuildInterval"] = "2.00:00:00", // the rounds below move the clock by up to a day: no rebuild between them
        };
        var requests = new StorageRequests();
        var services = requests.AddTo(new ServiceCollection().AddLogging()
            .AddWebookCore(new ConfigurationBuilder().AddInMemoryCollection(settings).Build()));
        services.AddSingleton<TimeProvider>(_time);
        return new HotListApp(services.BuildServiceProvider(), requests);
    }
}

internal sealed class HotListApp(ServiceProvider provider, StorageRequests requests) : IAsyncDisposable
{
    public StorageRequests Requests => requests;
    public T GetRequiredService<T>() where T : notnull => provider.GetRequiredService<T>();
    public ValueTask DisposeAsync() => provider.DisposeAsync();
}
