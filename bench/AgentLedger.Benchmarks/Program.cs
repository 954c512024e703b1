using AgentLedger.Benchmarks;
using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/AgentLedger.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(IngestBenchmarkConfig).Assembly).Run(args, new IngestBenchmarkConfig());
