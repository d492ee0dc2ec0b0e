using Webook.Core.Interactions.Storage;
using System.Diagnostics;
using System.Globalization;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Webook.Core.Accounts;
using Webook.Core.Articles;
using Webook.Core.Ranking;
using Webook.Core.Storage.Tables;

namespace Webook.Benchmarks;

/// <summary>
/// A full hot-list recompute over real published articles: the app's own services (AddWebookCore) against a
/// real Azurite and Redis. Seeds N published articles with IArticleStore.SaveAsync(publish: true) (drafts,
/// published rows and both content blobs, as a publish writes them) by a pool of real authors, and gives each a
/// random like count by writing its counts row (the row IHotListJob reads) straight into the interactions
/// table; then runs IHotListJob.RunAsync once untimed and R times timed.
/// Started by scripts/bench-hotlist.sh, which starts the stack and sets WEBOOK_BENCH_STORAGE and _REDIS.
/// Options: --articles N (10000) --runs R (5) --authors A (100) --seed-concurrency C (16)
/// </summary>
public static class HotListBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var articleCount = BenchmarkHelpers.IntOption(args, "--articles", 10000);
        var runs = BenchmarkHelpers.IntOption(args, "--runs", 5);
        var authorCount = BenchmarkHelpers.IntOption(args, "--authors", 100);
        var concurrency = BenchmarkHelpers.IntOption(args, "--seed-concurrency", 16);
        var run = "hot" + DateTime.UtcNow.ToString("MMddHHmmss", CultureInfo.InvariantCulture);
        await using var services = Services(run);
        var options = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<HotListOptions>>().Value;
        Console.WriteLine($"{articleCount} published articles by {authorCount} authors, {runs} timed runs (run {run}; HotList:Size {options.Size}, PageSize {options.PageSize}, ReadConcurrency {options.ReadConcurrency})");

        var clock = Stopwatch.StartNew();
        var users = services.GetRequiredService<IUserStore>();
        var authors = new long[authorCount];
        for (var i = 0; i < authorCount; i++)
        {
            var now = DateTimeOffset.UtcNow;
            var user = await users.TryInsertAsync(new User { Email = $"{run}-{i}@example.com", Nickname = $"author {i}", CreatedAt = now, UpdatedAt = now }, default)
                ?? throw new InvalidOperationException("could not create an author");
            authors[i] = user.Id;
        }

        var store = services.GetRequiredService<IArticleStore>();
        var ids = new long[articleCount];
        await Parallel.ForAsync(0, articleCount, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, ct) =>
        {
            var saved = await store.SaveAsync(new Article
            {
                AuthorId = authors[i % authorCount],
                Title = $"Article {i}",
                Abstract = $"The abstract of article {i}, as the editor derives it from the content.",
                Content = $"<h2>Article {i}</h2><p>{new string('x', 1500)}</p>",
            }, publish: true, ct);
            if (saved?.ContentUrl is null) throw new InvalidOperationException($"article {i} was not published");
            ids[i] = saved.Id;
        });
        var published = clock.Elapsed;

        // Like counts spread over orders of magnitude (1 to 100,000), a tenth of the articles with none.
        var random = new Random(20261123);
        var likes = ids.ToDictionary(id => id, _ => random.Next(10) == 0 ? 0L : (long)Math.Exp(random.NextDouble() * Math.Log(100_000)));
        var interactions = await services.GetRequiredService<WebookTables>().GetAsync(WebookTables.Interactions, default);
        await Parallel.ForEachAsync(likes.Where(l => l.Value > 0), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (like, ct) =>
            await interactions.UpsertEntityAsync(new InteractionCountsEntity
            {
                PartitionKey = InteractionRows.Partition(like.Key), Version = 1, Likes = like.Value, Reads = like.Value * 10,
            }, TableUpdateMode.Replace, ct));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"seeded in {clock.Elapsed.TotalSeconds:F0} s: {articleCount} publishes in {published.TotalSeconds:F0} s ({articleCount / published.TotalSeconds:F0}/s), {likes.Count(l => l.Value > 0)} counts rows in {(clock.Elapsed - published).TotalSeconds:F0} s"));

        var job = services.GetRequiredService<IHotListJob>();
        var expected = Math.Min(options.Size, articleCount);
        var seconds = new List<double>();
        for (var i = 0; i <= runs; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var list = await job.RunAsync(default);
            var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
            if (list.Count != expected || list.Any(a => !likes.TryGetValue(a.Id, out var n) || n != a.LikeCnt || a.Author.Name == ""))
                throw new InvalidOperationException($"the job listed {list.Count} articles, expected {expected} of the seeded ones with their likes and authors");
            if (i == 0)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"warm-up run: {elapsed:F2} s (untimed); top likes {list[0].LikeCnt}, 100th {list[^1].LikeCnt}"));
                continue;
            }
            seconds.Add(elapsed);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"run {i}: {elapsed:F2} s, {articleCount / elapsed:F0} articles/s"));
        }
        var median = BenchmarkHelpers.Median(seconds);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"median of {runs}: {median:F2} s, {articleCount / median:F0} articles/s (min {seconds.Min():F2} s, max {seconds.Max():F2} s)"));

        // Where a run's time goes: the paged scan alone, then the count-row reads alone (as the job does them).
        var scanning = Stopwatch.GetTimestamp();
        var scanned = 0;
        await foreach (var page in services.GetRequiredService<IRecentlyPublished>().SinceAsync(DateTimeOffset.UtcNow - options.Window, options.PageSize, default)) scanned += page.Count;
        var scan = Stopwatch.GetElapsedTime(scanning).TotalSeconds;
        var counting = Stopwatch.GetTimestamp();
        var counts = services.GetRequiredService<Webook.Core.Interactions.IInteractionStore>();
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = options.ReadConcurrency }, async (id, ct) => await counts.GetCountsAsync(id, ct));
        var count = Stopwatch.GetElapsedTime(counting).TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"breakdown: scan alone {scan:F2} s ({scanned} rows in pages of {options.PageSize}), {ids.Length} count reads alone {count:F2} s ({ids.Length / count:F0}/s at {options.ReadConcurrency} at a time)"));
        return 0;
    }

    private static ServiceProvider Services(string run) => BenchmarkHelpers.CoreServices(new Dictionary<string, string?>
    {
        ["Storage:ConnectionString"] = BenchmarkHelpers.Required("WEBOOK_BENCH_STORAGE", "scripts/bench-hotlist.sh"),
        ["Storage:TablePrefix"] = run,
        ["Redis:ConnectionString"] = BenchmarkHelpers.Required("WEBOOK_BENCH_REDIS", "scripts/bench-hotlist.sh"),
        ["Redis:KeyPrefix"] = run + ":",
    });
}
