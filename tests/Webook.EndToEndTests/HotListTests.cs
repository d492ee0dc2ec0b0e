using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Webook.Core.Ranking;
using Webook.TestSupport;

namespace Webook.EndToEndTests;

/// <summary>The hot list over HTTP, with Webook.Server instances sharing one Redis and one set of tables.</summary>
public sealed class HotListTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    /// <summary>Settings that make instances one deployment: the same tables and keys, a run every second.</summary>
    private static Dictionary<string, string?> Deployment(string prefix, double? load = null) => new()
    {
        ["Storage:TablePrefix"] = prefix,
        ["Redis:KeyPrefix"] = prefix + ":",
        ["HotList:Schedule"] = "* * * * * *",
        ["HotList:LocalCacheLifetime"] = "00:00:01",
        ["HotList:LoadReportInterval"] = "00:00:01",
        ["HotList:LoadReportLifetime"] = "00:00:05",
        ["HotList:LeaseDuration"] = "00:00:03",
        ["HotList:FixedLoad"] = load?.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    [Fact]
    public async Task Liking_articles_changes_the_hot_list_after_the_next_run()
    {
        await using var server = await RunningServer.StartAsync(Deployment(TestEnvironment.UniqueName("hot")));
        using var client = server.CreateClient();
        var author = await Accounts.SignupAndLoginAsync(client);
        var first = await Articles.PublishAsync(client, author, "First", "<p>one</p>");
        var second = await Articles.PublishAsync(client, author, "Second", "<p>two</p>");
        var fans = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Accounts.SignupAndLoginAsync(client)));

        foreach (var fan in fans) await InteractionTests.LikeAsync(client, fan, second, true);
        // A run may land between two of the likes: wait for one that saw all three.
        var hot = await WaitForHotAsync(client, list => list.Count == 2 && Id(list[0]) == second && list[0].GetProperty("likeCnt").GetInt64() == 3);
        Assert.Equal("Second", hot[0].GetProperty("title").GetString());
        Assert.Equal(first, Id(hot[1]));

        foreach (var fan in fans.Append(author)) await InteractionTests.LikeAsync(client, fan, first, true);
        await WaitForHotAsync(client, list => list.Count == 2 && Id(list[0]) == first && list[0].GetProperty("likeCnt").GetInt64() == 4);

        // Comments show in the next run's list too, and a deletion takes its count back.
        var comment = await CommentTests.PostAsync(client, fans[0], second, "nice");
        await CommentTests.PostAsync(client, fans[1], second, "agreed", comment);
        await WaitForHotAsync(client, list => list.Count == 2 && Id(list[1]) == second && list[1].GetProperty("commentCnt").GetInt64() == 2);
        Assert.Equal(0, (await CommentTests.DeleteAsync(client, fans[0], comment)).Code);
        await WaitForHotAsync(client, list => list.Count == 2 && Id(list[1]) == second && list[1].GetProperty("commentCnt").GetInt64() == 0);
    }

    [Fact]
    public async Task With_redis_frozen_or_stopped_the_last_list_is_still_served_and_a_cold_instance_answers_an_empty_one()
    {
        await using var redis = await LocalService.StartRedisAsync();
        var deployment = Deployment(TestEnvironment.UniqueName("hot"));
        deployment["Redis:ConnectionString"] = $"127.0.0.1:{redis.Port}";
        deployment["Redis:OperationTimeout"] = "00:01:00";
        deployment["Http:RequestTimeout"] = "00:00:05";
        await using var server = await RunningServer.StartAsync(deployment);
        using var client = server.CreateClient();
        client.Timeout = TimeSpan.FromSeconds(20);
        var author = await Accounts.SignupAndLoginAsync(client);
        var article = await Articles.PublishAsync(client, author, "Survivor", "<p>still hot</p>");
        await WaitForHotAsync(client, list => list.Count == 1 && Id(list[0]) == article);

        await redis.PauseAsync();
        try
        {
            // Past the local lifetime: the instance asks the frozen Redis, gives up at the cache timeout, serves its copy.
            await Task.Delay(TimeSpan.FromSeconds(2));
            for (var i = 0; i < 3; i++) Assert.Equal(article, Id((await HotAsync(client)).Single()));
        }
        finally
        {
            await redis.ResumeAsync();
        }

        await redis.StopAsync();
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(article, Id((await HotAsync(client)).Single()));

        await using var cold = await RunningServer.StartAsync(deployment);
        using var coldClient = cold.CreateClient();
        coldClient.Timeout = TimeSpan.FromSeconds(20);
        Assert.Empty(await HotAsync(coldClient));
    }

    [Fact]
    public async Task Two_instances_never_compute_at_once()
    {
        var deployment = Deployment(TestEnvironment.UniqueName("hot"), load: 50);
        // Hand the lease over after every run, so the two contend for it on every tick.
        deployment["HotList:HandoverMargin"] = "-1";
        var runs = new RunLog();
        await using var a = await RunningServer.StartAsync(deployment, builder => runs.Observe(builder, "a"));
        await using var b = await RunningServer.StartAsync(deployment, builder => runs.Observe(builder, "b"));

        var deadline = DateTime.UtcNow + Patience;
        while ((runs.By("a") == 0 || runs.By("b") == 0 || runs.Total < 8) && DateTime.UtcNow < deadline) await Task.Delay(200);

        Assert.True(runs.By("a") > 0 && runs.By("b") > 0, $"runs: a {runs.By("a")}, b {runs.By("b")}");
        Assert.Equal(1, runs.MostAtOnce);
    }

    [Fact]
    public async Task Of_three_instances_at_loads_90_10_and_50_the_one_at_10_computes()
    {
        var prefix = TestEnvironment.UniqueName("hot");
        var runs = new RunLog();
        await using var busy = await RunningServer.StartAsync(Deployment(prefix, load: 90), builder => runs.Observe(builder, "90"));
        await using var idle = await RunningServer.StartAsync(Deployment(prefix, load: 10), builder => runs.Observe(builder, "10"));
        await using var middle = await RunningServer.StartAsync(Deployment(prefix, load: 50), builder => runs.Observe(builder, "50"));

        // Whoever ran before every load was reported hands over after its run; then the one at 10 keeps the lease.
        var deadline = DateTime.UtcNow + Patience;
        while (runs.By("10") < 2 && DateTime.UtcNow < deadline) await Task.Delay(200);
        var before = (runs.By("90"), runs.By("50"));
        var idleBefore = runs.By("10");
        await Task.Delay(TimeSpan.FromSeconds(4));

        Assert.Equal(before, (runs.By("90"), runs.By("50")));
        Assert.True(runs.By("10") > idleBefore, $"the instance at 10 ran {runs.By("10")} times");
        Assert.Equal(1, runs.MostAtOnce);
    }

    private static async Task<List<JsonElement>> WaitForHotAsync(HttpClient client, Func<List<JsonElement>, bool> done)
    {
        var deadline = DateTime.UtcNow + Patience;
        List<JsonElement> list;
        while (!done(list = await HotAsync(client)) && DateTime.UtcNow < deadline) await Task.Delay(250);
        Assert.True(done(list), "hot list: " + JsonSerializer.Serialize(list));
        return list;
    }

    private static async Task<List<JsonElement>> HotAsync(HttpClient client)
    {
        var hot = await client.GetApiAsync("/articles/hot");
        Assert.Equal(0, hot.Code);
        return hot.Data.EnumerateArray().ToList();
    }

    private static long Id(JsonElement entry) => entry.GetProperty("id").GetInt64();

    /// <summary>Wraps each instance's job to count its runs and how many ran at the same moment across instances.</summary>
    private sealed class RunLog
    {
        private readonly ConcurrentDictionary<string, int> _runs = new();
        private int _running;
        private int _mostAtOnce;

        public int By(string instance) => _runs.GetValueOrDefault(instance);
        public int Total => _runs.Values.Sum();
        public int MostAtOnce => Volatile.Read(ref _mostAtOnce);

        public void Observe(Microsoft.AspNetCore.Builder.WebApplicationBuilder builder, string instance) =>
            builder.Services.AddSingleton<IHotListJob>(sp => new ObservedJob(ActivatorUtilities.CreateInstance<HotListJob>(sp), this, instance));

        private sealed class ObservedJob(IHotListJob inner, RunLog log, string instance) : IHotListJob
        {
            public async Task<IReadOnlyList<HotArticle>> RunAsync(CancellationToken ct)
            {
                var running = Interlocked.Increment(ref log._running);
                InterlockedMax(ref log._mostAtOnce, running);
                try
                {
                    // Long enough that two runs would overlap if both instances ran on one tick.
                    await Task.Delay(300, ct);
                    return await inner.RunAsync(ct);
                }
                finally
                {
                    Interlocked.Decrement(ref log._running);
                    log._runs.AddOrUpdate(instance, 1, (_, n) => n + 1);
                }
            }
        }

        private static void InterlockedMax(ref int target, int value)
        {
            int seen;
            while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen) { }
        }
    }
}
