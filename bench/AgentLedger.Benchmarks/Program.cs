using AgentLedger.Benchmarks;
using BenchmarkDotNet.Running;

// The job and columns come from [Config(typeof(IngestBenchmarkConfig))] on each benchmark class.
// dotnet run -c Release --project bench/AgentLedger.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(IngestBenchmarkConfig).Assembly).Run(args);
