using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/Webook.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
