using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/AgentLedger.Otlp.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(AgentLedger.Otlp.Benchmarks.OtlpLogsIngestBenchmarks).Assembly).Run(args);
