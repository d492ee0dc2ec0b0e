using Webook.Core.Interactions.Storage;
using System.Diagnostics;
using System.Globalization;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Webook.Core.Interactions;
using Webook.Core.Storage.Tables;

namespace Webook.Benchmarks;

/// <summary>
/// The storage service's own point-write rate with the app's table client (AddWebookCore: the same
/// TableServiceClient, retry and timeout options, the table made by WebookTables): C callers each upsert small
/// rows (the size of an article's counts row) into a scratch table for S seconds, as fast as answers come; prints
/// writes/s. The yardstick of scripts/bench-writes.sh, which runs it against the Azurite a running server uses.
/// One untimed second first takes the connections and the JIT off the timed window; the table is deleted after.
/// Gives its own CPU time per write (the client's share: the SDK's work on each call) and, with --cpu-pid, that
/// process's CPU use (user + system, /proc) during the timed window in percent of one core: pass Azurite's node
/// process.
/// Needs WEBOOK_BENCH_STORAGE (a storage connection string).
/// Options: --seconds S (5) --concurrency C (32) --kind upsert|transaction|like (upsert: one row a call; transaction: an
/// entity-group transaction of two rows, a record and a counts row, as a like writes; like: the app's own
/// IInteractionStore.SetLikeAsync, every caller a user of its own flipping its like of one article, so C likers of one
/// hot article, with --batch-size B as Interactions:BatchSize, 99 by default, and the count checked against the records
/// after) --rows R (100 rows per caller, written in turn) --cpu-pid PID
/// </summary>
public static class TableWriteBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = double.Parse(BenchmarkHelpers.Option(args, "--seconds", "5"), CultureInfo.InvariantCulture);
        var concurrency = BenchmarkHelpers.IntOption(args, "--concurrency", 32);
        var kind = BenchmarkHelpers.Option(args, "--kind", "upsert");
        var rows = BenchmarkHelpers.IntOption(args, "--rows", 100);
        var cpuPid = BenchmarkHelpers.Option(args, "--cpu-pid", "");
        if (kind is not ("upsert" or "transaction" or "like")) throw new ArgumentException("--kind is upsert, transaction or like");
        var run = "writes" + DateTime.UtcNow.ToString("MMddHHmmssfff", CultureInfo.InvariantCulture);

        await using var services = BenchmarkHelpers.CoreServices(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = BenchmarkHelpers.Required("WEBOOK_BENCH_STORAGE", "scripts/bench-writes.sh"),
            ["Storage:TablePrefix"] = run,
            ["Interactions:BatchSize"] = BenchmarkHelpers.Option(args, "--batch-size", "99"),
        });
        var table = await services.GetRequiredService<WebookTables>().GetAsync(kind == "like" ? WebookTables.Interactions : "scratch", default);
        try
        {
            var store = services.GetRequiredService<IInteractionStore>();
            var write = kind == "like" ? (caller, n) => store.SetLikeAsync(HotArticle, InteractionEvent.NoOneElse, caller + 1, n % 2 == 0, default) : Writer(table, kind, rows);
            await WriteForAsync(write, concurrency, TimeSpan.FromSeconds(1)); // untimed
            var cpuBefore = CpuTicks(cpuPid);
            var ownBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var started = Stopwatch.GetTimestamp();
            var latencies = await WriteForAsync(write, concurrency, TimeSpan.FromSeconds(seconds));
            var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var own = (Process.GetCurrentProcess().TotalProcessorTime - ownBefore).TotalMicroseconds / latencies.Count;
            var cpu = cpuPid == "" ? "" : string.Create(CultureInfo.InvariantCulture,
                $", process {cpuPid} CPU {(CpuTicks(cpuPid) - cpuBefore) * 100.0 / ClockTicksPerSecond / elapsed:F0}% of a core");
            latencies.Sort();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{latencies.Count} {kind}s in {elapsed:F2} s by {concurrency} callers: p50 {Percentile(latencies, 0.5):F2} ms, p99 {Percentile(latencies, 0.99):F2} ms, this process's CPU {own:F0} µs/write{cpu}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"writes/s {latencies.Count / elapsed:F0}"));
            if (kind == "like") await CheckCountAsync(store, table);
        }
        finally
        {
            await table.DeleteAsync();
        }
        return 0;
    }

    private const long HotArticle = 1;

    /// <summary>The hot article's like count against its like records: they must agree, whatever the batching did.</summary>
    private static async Task CheckCountAsync(IInteractionStore store, TableClient table)
    {
        var counts = await store.GetCountsAsync(HotArticle, default);
        var partition = InteractionRows.Partition(HotArticle);
        var records = 0;
        await foreach (var _ in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge 'like-' and RowKey lt 'like.'"), select: ["RowKey"]))
            records++;
        Console.WriteLine($"likes {counts.Likes}, like records {records}, counts version {counts.Version}");
        if (counts.Likes != records) throw new InvalidOperationException("the like count disagrees with the records");
    }

    // write(caller, n): the n-th write of a caller; each caller has a partition of its own.
    private static Func<int, long, Task> Writer(TableClient table, string kind, int rows) => kind == "upsert"
        ? (caller, n) => table.UpsertEntityAsync(Counts(caller, n, rows), TableUpdateMode.Replace)
        : (caller, n) => table.SubmitTransactionAsync(
        [
            new TableTransactionAction(TableTransactionActionType.UpsertReplace, new InteractionRecordEntity
            {
                PartitionKey = Partition(caller), RowKey = InteractionRows.Like(n % rows), CreatedAt = DateTimeOffset.UtcNow,
            }),
            new TableTransactionAction(TableTransactionActionType.UpsertReplace, Counts(caller, n, 1)),
        ]);

    private static InteractionCountsEntity Counts(int caller, long n, int rows) => new()
    {
        PartitionKey = Partition(caller), RowKey = "counts-" + (n % rows).ToString(CultureInfo.InvariantCulture),
        Version = n, Reads = n * 10, Likes = n, Collects = n / 2,
    };

    private static string Partition(int caller) => "caller-" + caller.ToString(CultureInfo.InvariantCulture);

    /// <summary>Each caller writes one row after the other until the time is up; returns every write's latency in ms.</summary>
    private static async Task<List<double>> WriteForAsync(Func<int, long, Task> write, int concurrency, TimeSpan duration)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var perCaller = await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async caller =>
        {
            var latencies = new List<double>();
            for (long n = 0; Stopwatch.GetTimestamp() < deadline; n++)
            {
                var started = Stopwatch.GetTimestamp();
                await write(caller, n);
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
            return latencies;
        }));
        return perCaller.SelectMany(l => l).ToList();
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))];

    // Linux reports process CPU time in clock ticks of 1/100 s (USER_HZ), whatever the kernel's own rate.
    private const double ClockTicksPerSecond = 100;

    /// <summary>utime + stime of the process from /proc/PID/stat, in clock ticks; 0 without a pid.</summary>
    private static long CpuTicks(string pid)
    {
        if (pid == "") return 0;
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
    }
}
