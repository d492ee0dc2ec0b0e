using BenchmarkDotNet.Running;
using Webook.Benchmarks;

// dotnet run -c Release --project tests/Webook.Benchmarks -- --filter '*'
// scripts/bench-consumer.sh runs the read-event consumer benchmark (--consumer, ConsumerBenchmark.cs),
// scripts/bench-hotlist.sh the hot-list recompute (--hotlist, HotListBenchmark.cs), scripts/bench-writes.sh the
// storage service's own point-write rate (--table-writes, TableWriteBenchmark.cs), scripts/bench-fanout.sh the feed's
// fan-out on write (--fanout, FanOutBenchmark.cs), scripts/bench-feed.sh the storage calls of a feed page (--feed-page,
// FeedPageBenchmark.cs).
if (args is ["--consumer", ..]) return await ConsumerBenchmark.RunAsync(args[1..]);
if (args is ["--hotlist", ..]) return await HotListBenchmark.RunAsync(args[1..]);
if (args is ["--table-writes", ..]) return await TableWriteBenchmark.RunAsync(args[1..]);
if (args is ["--fanout", ..]) return await FanOutBenchmark.RunAsync(args[1..]);
if (args is ["--feed-page", ..]) return await FeedPageBenchmark.RunAsync(args[1..]);
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
