using System.Globalization;
using System.Text.Json;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using Webook.Core.Auth;
using Webook.Core.Feed;
using Webook.Core.Http;

namespace Webook.Benchmarks;

/// <summary>
/// The storage calls of one GET /feed page, measured: the route's handler (FeedHandlers.FeedAsync; the session check
/// before it makes no I/O) with the app's own services against the data scripts/bench-feed.sh seeded through the API.
/// Table calls are counted by a policy on the app's table clients (a call the SDK retries counts once); Redis commands
/// by the Redis server's INFO commandstats, read before and after each page (the script has stopped its server, so only
/// this process talks to that Redis; the INFO commands themselves are left out). Prints, per page: the articles, table
/// calls and Redis commands by name, for the first page of a new instance (its copies empty), then the first page and the
/// next page (timestamp = the first page's last ctime), each --pages times.
/// Options: --reader ID (required) --limit L (20) --pages N (5)
/// </summary>
public static class FeedPageBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var reader = long.Parse(BenchmarkHelpers.Option(args, "--reader", "0"), CultureInfo.InvariantCulture);
        var limit = BenchmarkHelpers.IntOption(args, "--limit", 20);
        var pages = BenchmarkHelpers.IntOption(args, "--pages", 5);
        if (reader <= 0) throw new ArgumentException("--reader ID is required");
        var redisConnection = BenchmarkHelpers.Required("WEBOOK_BENCH_REDIS", "scripts/bench-feed.sh");
        var tableCalls = new CountingPolicy();
        await using var services = BenchmarkHelpers.CoreServices(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = BenchmarkHelpers.Required("WEBOOK_BENCH_STORAGE", "scripts/bench-feed.sh"),
            ["Redis:ConnectionString"] = redisConnection,
        }, more => more.AddAzureClients(azure => azure.ConfigureDefaults(options =>
        {
            if (options is TableClientOptions) options.AddPolicy(tableCalls, HttpPipelinePosition.PerCall);
        })));
        var handlers = services.GetRequiredService<FeedHandlers>();
        // The app's own connection made before counting (connecting sends commands of its own).
        await services.GetRequiredService<Webook.Core.Storage.Redis.RedisConnection>().Database.PingAsync();
        await using var admin = await ConnectionMultiplexer.ConnectAsync(redisConnection + ",allowAdmin=true");
        var redis = admin.GetServer(admin.GetEndPoints()[0]);

        async Task<List<long>> PageAsync(string label, long? before)
        {
            var (tables, commands) = (tableCalls.Snapshot(), await CommandsAsync(redis));
            var context = new DefaultHttpContext { RequestServices = services };
            context.Request.QueryString = new QueryString($"?limit={limit}" + (before is { } b ? $"&timestamp={b}" : ""));
            context.Response.Body = new MemoryStream();
            var result = await handlers.FeedAsync(new RouteCall<NoBody>(context.Request, new UserSession(reader, "bench-feed"), NoBody.Value, default));
            await result.ExecuteAsync(context);
            // Cache fills the request did not wait for (fire-and-forget) still count as its commands.
            await Task.Delay(300);
            var after = await CommandsAsync(redis);
            var calls = tableCalls.Snapshot().Select(c => (c.Key, Calls: c.Value - tables.GetValueOrDefault(c.Key))).Where(c => c.Calls > 0).OrderBy(c => c.Key).ToList();
            var used = after.Where(c => c.Key != "info").Select(c => (c.Key, Calls: c.Value - commands.GetValueOrDefault(c.Key)))
                .Where(c => c.Calls > 0).OrderBy(c => c.Key).ToList();
            context.Response.Body.Position = 0;
            using var body = await JsonDocument.ParseAsync(context.Response.Body);
            if (body.RootElement.GetProperty("code").GetInt32() != 0) throw new InvalidOperationException($"{label}: {body.RootElement}");
            var ctimes = body.RootElement.GetProperty("data").EnumerateArray().Select(a => a.GetProperty("ctime").GetInt64()).ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{label}: {ctimes.Count} articles, {calls.Sum(c => c.Calls)} table calls ({string.Join(", ", calls.Select(c => $"{c.Key} {c.Calls}"))}), {used.Sum(c => c.Calls)} Redis commands ({string.Join(", ", used.Select(c => $"{c.Key} {c.Calls}"))})"));
            return ctimes;
        }

        Console.WriteLine($"reader {reader}, limit {limit}");
        var first = await PageAsync("first page, new instance", null);
        if (first.Count == 0) throw new InvalidOperationException("the reader's feed is empty");
        for (var i = 1; i <= pages; i++) await PageAsync($"first page {i}", null);
        for (var i = 1; i <= pages; i++) await PageAsync($"next page {i} (timestamp {first[^1]})", first[^1]);
        return 0;
    }

    private static async Task<Dictionary<string, long>> CommandsAsync(IServer redis)
    {
        var calls = new Dictionary<string, long>();
        foreach (var (key, value) in (await redis.InfoAsync("commandstats")).SelectMany(g => g))
            if (key.StartsWith("cmdstat_", StringComparison.Ordinal))
                calls[key["cmdstat_".Length..]] = long.Parse(value.Split(',')[0].Split('=')[1], CultureInfo.InvariantCulture);
        return calls;
    }

    /// <summary>Counts the table calls, by table and kind: "published read" (a point read), "feed query", ...</summary>
    private sealed class CountingPolicy : HttpPipelinePolicy
    {
        private readonly Lock _sync = new();
        private readonly Dictionary<string, int> _calls = [];

        public Dictionary<string, int> Snapshot()
        {
            lock (_sync) return new Dictionary<string, int>(_calls);
        }

        public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            Count(message);
            return ProcessNextAsync(message, pipeline);
        }

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            Count(message);
            ProcessNext(message, pipeline);
        }

        private void Count(HttpMessage message)
        {
            // /devstoreaccount1/feed() is a query, /devstoreaccount1/published(PartitionKey='1',RowKey='') a point read.
            var path = Uri.UnescapeDataString(message.Request.Uri.Path);
            var resource = path[(path.LastIndexOf('/') + 1)..];
            var table = resource.Split('(')[0];
            var kind = message.Request.Method != RequestMethod.Get ? message.Request.Method.ToString()
                : resource.Contains("PartitionKey=", StringComparison.Ordinal) ? "read" : "query";
            lock (_sync) _calls[$"{table} {kind}"] = _calls.GetValueOrDefault($"{table} {kind}") + 1;
        }
    }
}
