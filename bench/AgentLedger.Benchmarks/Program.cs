using AgentLedger.Benchmarks;
using BenchmarkDotNet.Running;

// BenchmarkDotNet (the job and columns come from [Config(typeof(IngestBenchmarkConfig))] on the class):
//   dotnet bin/Release/net10.0/AgentLedger.Benchmarks.dll --filter '*'
// The paired companion run for shared machines (see PairedRun):
//   dotnet bin/Release/net10.0/AgentLedger.Benchmarks.dll paired <batch-size> <rounds>
if (args is ["paired", var batchSize, var rounds])
{
    return await PairedRun.RunAsync(int.Parse(batchSize), int.Parse(rounds), Console.Out);
}

// The same, DLP off against DLP on: dotnet bin/Release/net10.0/AgentLedger.Benchmarks.dll paired-dlp <batch-size> <rounds>
if (args is ["paired-dlp", var dlpBatchSize, var dlpRounds])
{
    return await PairedRun.RunDlpAsync(int.Parse(dlpBatchSize), int.Parse(dlpRounds), Console.Out);
}

BenchmarkSwitcher.FromAssembly(typeof(IngestBenchmarkConfig).Assembly).Run(args);
return 0;
