using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace AgentLedger.Benchmarks;

/// <summary>
/// One job for every ingest benchmark. In-process: the cost measured is SQLite, fsync and managed work, not process
/// isolation, and the machines this runs on (2 shared cores) cannot afford a second build of the server per run.
/// Fixed warm-up and iteration counts keep the database growth of every case comparable.
/// </summary>
public sealed class IngestBenchmarkConfig : ManualConfig
{
    public IngestBenchmarkConfig()
    {
        AddJob(Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithWarmupCount(3)
            .WithIterationCount(20)
            .WithId("durable-sqlite"));
        AddColumn(new EventsPerSecondColumn());
        AddColumn(StatisticColumn.Median, StatisticColumn.P95);
        WithOrderer(new BenchmarkDotNet.Order.DefaultOrderer(BenchmarkDotNet.Order.SummaryOrderPolicy.Declared));
    }
}
