using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Webook.Core.Accounts;
using Webook.Core.Articles;
using Webook.Core.Articles.Storage;
using Webook.Core.Interactions;
using Webook.Core.Interactions.Storage;
using Webook.Core.Ranking;
using Webook.Core.Storage.Tables;

namespace Webook.Benchmarks;

/// <summary>
/// The hot-list job over N published articles, with the app's own services (AddWebookCore) against a real Azurite and
/// Redis. Seeds the rows a publish and a like leave behind: a published row per article (PublishedArticleEntity, as
/// ArticleRows.ToPublishedRow writes it; no blobs, the job never reads them) by a pool of real authors, a counts row
/// with a random like count, and the same counts given to the mirror (ICountsMirror.Offer, as every like does). Then:
/// R rebuilds from the table, each by a new job with the checkpoint deleted (a journal lost, or the hourly rebuild);
/// R first runs of a new job from the checkpoint the last rebuild saved (a new instance, a lease handover); a run
/// after nothing changed; and a run after L likes through InteractionRepository. Every list must be the seeded top with its likes and authors; the
/// table calls are the job's own count (webook.hot_list.table_calls).
/// Started by scripts/bench-hotlist.sh, which starts the stack and sets WEBOOK_BENCH_STORAGE and _REDIS.
/// Options: --articles N (10000) --runs R (5) --authors A (100) --likes L (1000) --seed-concurrency C (16)
/// </summary>
public static class HotListBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var articleCount = BenchmarkHelpers.IntOption(args, "--articles", 10000);
        var runs = BenchmarkHelpers.IntOption(args, "--runs", 5);
        var authorCount = BenchmarkHelpers.IntOption(args, "--authors", 100);
        var likeCount = BenchmarkHelpers.IntOption(args, "--likes", 1000);
        var concurrency = BenchmarkHelpers.IntOption(args, "--seed-concurrency", 16);
        var run = "hot" + DateTime.UtcNow.ToString("MMddHHmmss", CultureInfo.InvariantCulture);
        await using var services = Services(run);
        var options = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<HotListOptions>>().Value;
        Console.WriteLine($"{articleCount} published articles by {authorCount} authors, {runs} rebuilds (run {run}; HotList:Size {options.Size}, PageSize {options.PageSize}, ReadConcurrency {options.ReadConcurrency})");

        var clock = Stopwatch.StartNew();
        var authors = await SeedAuthorsAsync(services, run, authorCount);
        var likes = await SeedArticlesAsync(services, authors, articleCount, concurrency);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"seeded in {clock.Elapsed.TotalSeconds:F0} s: {articleCount} published rows, {likes.Count(l => l.Value.Likes > 0)} counts rows, the mirror"));

        using var calls = new TableCallListener();
        var redis = services.GetRequiredService<Webook.Core.Storage.Redis.RedisConnection>();
        var rebuilds = new List<double>();
        for (var i = 0; i <= runs; i++)
        {
            await redis.Database.KeyDeleteAsync(redis.Key("{hotlist}:checkpoint"));
            var job = ActivatorUtilities.CreateInstance<HotListJob>(services);
            var (seconds, list) = await TimeAsync(job, likes, options, calls);
            if (i == 0)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"warm-up rebuild: {seconds:F2} s (untimed), {calls.Last} table calls; top likes {list[0].LikeCnt}, 100th {list[^1].LikeCnt}"));
                continue;
            }
            rebuilds.Add(seconds);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"rebuild {i}: {seconds:F2} s, {articleCount / seconds:F0} articles/s, {calls.Last} table calls ({(double)articleCount / calls.Last:F0} articles per call)"));
        }
        var median = BenchmarkHelpers.Median(rebuilds);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"rebuild median of {runs}: {median:F2} s, {articleCount / median:F0} articles/s (min {rebuilds.Min():F2} s, max {rebuilds.Max():F2} s)"));

        var starts = new List<double>();
        for (var i = 1; i <= runs; i++)
        {
            var (seconds, _) = await TimeAsync(ActivatorUtilities.CreateInstance<HotListJob>(services), likes, options, calls);
            starts.Add(seconds);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"new instance from the checkpoint {i}: {seconds:F2} s, {calls.Last} table calls"));
        }
        var startMedian = BenchmarkHelpers.Median(starts);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"new instance from the checkpoint, median of {runs}: {startMedian:F2} s, {articleCount / startMedian:F0} articles/s"));

        var kept = services.GetRequiredService<IHotListJob>();
        await kept.RunAsync(default);
        var (idle, _) = await TimeAsync(kept, likes, options, calls);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"run after nothing changed: {idle * 1000:F1} ms, {calls.Last} table calls"));

        var interactions = services.GetRequiredService<InteractionRepository>();
        var ids = likes.Keys.ToArray();
        var random = new Random(20261206);
        var liked = Enumerable.Range(0, likeCount).Select(i => (Article: ids[random.Next(ids.Length)], User: 1_000_000L + i)).ToList();
        await Parallel.ForEachAsync(liked, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (like, ct) =>
        {
            if (await interactions.SetLikeAsync(like.Article, InteractionEvent.NoOneElse, like.User, true, ct) is { } counts)
                lock (likes) if (counts.Version > likes[like.Article].Version) likes[like.Article] = counts;
        });
        var (changed, _) = await TimeAsync(kept, likes, options, calls);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"run after {likeCount} likes on {liked.Select(l => l.Article).Distinct().Count()} articles: {changed * 1000:F1} ms, {calls.Last} table calls"));
        return 0;
    }

    private static async Task<(double Seconds, IReadOnlyList<HotArticle> List)> TimeAsync(IHotListJob job, Dictionary<long, InteractionCounts> likes,
        HotListOptions options, TableCallListener calls)
    {
        var started = Stopwatch.GetTimestamp();
        var list = await job.RunAsync(default);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var expected = likes.Values.OrderByDescending(c => c.Likes).Take(options.Size).Select(c => c.Likes).ToList();
        if (!list.Select(a => a.LikeCnt).SequenceEqual(expected) || list.Any(a => likes[a.Id].Likes != a.LikeCnt || a.Author.Name == "" || a.Title == ""))
            throw new InvalidOperationException($"the job listed {list.Count} articles, expected the {expected.Count} most liked of the seeded ones with their likes, titles and authors");
        return (seconds, list);
    }

    private static async Task<long[]> SeedAuthorsAsync(IServiceProvider services, string run, int count)
    {
        var users = services.GetRequiredService<IUserStore>();
        var authors = new long[count];
        for (var i = 0; i < count; i++)
        {
            var now = DateTimeOffset.UtcNow;
            var user = await users.TryInsertAsync(new User { Email = $"{run}-{i}@example.com", Nickname = $"author {i}", CreatedAt = now, UpdatedAt = now }, default)
                ?? throw new InvalidOperationException("could not create an author");
            authors[i] = user.Id;
        }
        return authors;
    }

    // Like counts spread over orders of magnitude (1 to 100,000), a tenth of the articles with none. All published an
    // hour ago, so every one is a candidate and the score orders them as the likes do: the top is the most liked.
    private static async Task<Dictionary<long, InteractionCounts>> SeedArticlesAsync(IServiceProvider services, long[] authors, int count, int concurrency)
    {
        var tables = services.GetRequiredService<WebookTables>();
        var published = await tables.GetAsync(WebookTables.Published, default);
        var interactions = await tables.GetAsync(WebookTables.Interactions, default);
        var mirror = services.GetRequiredService<ICountsMirror>();
        var random = new Random(20261123);
        var now = DateTimeOffset.UtcNow;
        var articles = Enumerable.Range(1, count).Select(i => new Article
        {
            Id = 9_000_000_000 + i, AuthorId = authors[i % authors.Length], Title = $"Article {i}", Version = 1,
            Abstract = $"The abstract of article {i}, as the editor derives it from the content.",
            CreatedAt = now.AddHours(-1), UpdatedAt = now.AddHours(-1),
        }).ToList();
        var likes = articles.ToDictionary(a => a.Id, a =>
        {
            var n = random.Next(10) == 0 ? 0L : (long)Math.Exp(random.NextDouble() * Math.Log(100_000));
            return n == 0 ? InteractionCounts.None(a.Id) : new InteractionCounts(a.Id, 1, n * 10, n, 0);
        });
        await Parallel.ForEachAsync(articles, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (article, ct) =>
        {
            await published.UpsertEntityAsync(ArticleRows.ToPublishedRow(article, "seeded"), TableUpdateMode.Replace, ct);
            var counts = likes[article.Id];
            if (counts.Version == 0) return;
            await interactions.UpsertEntityAsync(new InteractionCountsEntity
            {
                PartitionKey = InteractionRows.Partition(article.Id), RowKey = InteractionRows.Counts(InteractionRows.Partition(article.Id)), Version = counts.Version, Likes = counts.Likes, Reads = counts.Reads,
            }, TableUpdateMode.Replace, ct);
            mirror.Offer(counts);
        });
        return likes;
    }

    /// <summary>The table calls of the last completed run, as the job measures them.</summary>
    private sealed class TableCallListener : IDisposable
    {
        private readonly MeterListener _listener = new();
        public long Last { get; private set; }

        public TableCallListener()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == HotListMetrics.MeterName && instrument.Name == "webook.hot_list.table_calls") listener.EnableMeasurementEvents(instrument);
            };
            _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Last = value);
            _listener.Start();
        }

        public void Dispose() => _listener.Dispose();
    }

    private static ServiceProvider Services(string run) => BenchmarkHelpers.CoreServices(new Dictionary<string, string?>
    {
        ["Storage:ConnectionString"] = BenchmarkHelpers.Required("WEBOOK_BENCH_STORAGE", "scripts/bench-hotlist.sh"),
        ["Storage:TablePrefix"] = run,
        // Seeding keeps Azurite (one node process) saturated: a write may wait longer than the default 5 s.
        ["Storage:NetworkTimeout"] = "00:01:00",
        ["Redis:ConnectionString"] = BenchmarkHelpers.Required("WEBOOK_BENCH_REDIS", "scripts/bench-hotlist.sh"),
        ["Redis:KeyPrefix"] = run + ":",
    });
}
