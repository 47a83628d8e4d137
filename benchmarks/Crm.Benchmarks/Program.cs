using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/Crm.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Crm.Benchmarks.InsertContactsBenchmark).Assembly).Run(args);
