using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Webook.Core.Feed;
using Webook.Core.Follows;
using Webook.Core.Http;

namespace Webook.Benchmarks;

/// <summary>
/// The feed's fan-out on write with the app's own services (AddWebookCore) against a real Azurite: an author with F real
/// followers (IFollowStore.SetFollowAsync, both sides and counts), then R publications through FeedEvents.HandleAsync,
/// each timed; every follower's inbox must then hold all R. Prints inbox rows written per second.
/// Started by scripts/bench-fanout.sh, which starts the stack and sets WEBOOK_BENCH_STORAGE and _REDIS.
/// Options: --followers F (1000) --runs R (5) --seed-concurrency C (16)
/// </summary>
public static class FanOutBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var followerCount = BenchmarkHelpers.IntOption(args, "--followers", 1000);
        var runs = BenchmarkHelpers.IntOption(args, "--runs", 5);
        var concurrency = BenchmarkHelpers.IntOption(args, "--seed-concurrency", 16);
        var run = "fan" + DateTime.UtcNow.ToString("MMddHHmmss", CultureInfo.InvariantCulture);
        await using var services = BenchmarkHelpers.CoreServices(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = BenchmarkHelpers.Required("WEBOOK_BENCH_STORAGE", "scripts/bench-fanout.sh"),
            ["Storage:TablePrefix"] = run,
            ["Storage:NetworkTimeout"] = "00:01:00",
            ["Redis:ConnectionString"] = BenchmarkHelpers.Required("WEBOOK_BENCH_REDIS", "scripts/bench-fanout.sh"),
            ["Redis:KeyPrefix"] = run + ":",
            ["Feed:PushThreshold"] = (followerCount + 1).ToString(CultureInfo.InvariantCulture),
        });
        var (follows, events, store) = (services.GetRequiredService<IFollowStore>(), services.GetRequiredService<FeedEvents>(),
            services.GetRequiredService<IFeedStore>());
        var fanOut = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<FeedOptions>>().Value.FanOutConcurrency;
        const long author = 1;
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(2, followerCount), new ParallelOptions { MaxDegreeOfParallelism = concurrency },
            async (fan, ct) => await follows.SetFollowAsync(fan, author, true, ct));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{followerCount} followers seeded in {clock.Elapsed.TotalSeconds:F0} s (run {run}); Feed:FanOutConcurrency {fanOut}"));

        var rates = new List<double>();
        var at = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        for (var i = 0; i <= runs; i++)
        {
            var publication = JsonSerializer.SerializeToUtf8Bytes(
                new ArticleEvent(Guid.NewGuid().ToString("N"), ArticleEvent.Published, 1000 + i, author, at + i, at + i), WebookJson.Options);
            clock.Restart();
            await events.HandleAsync([publication], default);
            var seconds = clock.Elapsed.TotalSeconds;
            if (i == 0)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"warm-up publication: {seconds:F2} s (untimed)"));
                continue;
            }
            rates.Add(followerCount / seconds);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"publication {i}: {seconds:F2} s, {followerCount / seconds:F0} inbox rows/s"));
        }
        // Every follower has every publication, once.
        var sample = Enumerable.Range(2, followerCount).Where(f => f % 97 == 0 || f == followerCount + 1).ToList();
        foreach (var fan in sample)
        {
            var count = 0;
            await foreach (var _ in store.ReadAsync(FeedBox.Inbox(fan), long.MaxValue, 100, default)) count++;
            if (count != runs + 1) throw new InvalidOperationException($"follower {fan} has {count} entries, not {runs + 1}");
        }
        rates.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"median {rates[rates.Count / 2]:F0} inbox rows/s over {runs} publications to {followerCount} followers; {sample.Count} inboxes checked"));
        return 0;
    }
}
