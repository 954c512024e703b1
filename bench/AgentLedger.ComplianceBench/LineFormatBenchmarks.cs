using System.Buffers;
using System.Text;
using System.Text.Json;
using AgentLedger.Core.Compliance;
using AgentLedger.Core.Records;
using AgentLedger.Server.Features.Compliance.Records;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace AgentLedger.ComplianceBench;

/// <summary>
/// The cost of writing 1,000 realistic records (the export benchmark's mix) in each output format, against the native
/// NDJSON line the feed and the export write (the baseline). In-process: a second build per run is more than the
/// shared 2-core machines can spare.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Settings))]
public class LineFormatBenchmarks
{
    private static readonly ProductInfo Product = ProductInfo.AgentLedger("1.0.0");
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly ArrayBufferWriter<byte> _output = new(8 << 20);
    private List<ActivityRecord> _records = [];

    [GlobalSetup]
    public void Setup() =>
        _records = SyntheticRecords.Generate("bench", 1000, new DateTimeOffset(2026, 8, 1, 0, 0, 0, TimeSpan.Zero))
            .Select((r, i) => r with { Seq = i + 1, UserId = "user-" + (i % 400) }).ToList();

    [Benchmark(Baseline = true)]
    public int NativeNdjson() => Write(new RecordLineWriter(RecordFeedFormat.Ndjson, Product, Json));

    [Benchmark]
    public int CodexLog()
    {
        _output.ResetWrittenCount();
        foreach (var record in _records)
        {
            CodexLogFormatter.WriteLine(_output, record);
        }

        return _output.WrittenCount;
    }

    [Benchmark]
    public int Ocsf() => Write(new RecordLineWriter(RecordFeedFormat.Ocsf, Product, Json));

    [Benchmark]
    public int Cef() => Write(new RecordLineWriter(RecordFeedFormat.Cef, Product, Json));

    [Benchmark]
    public int Csv() => Write(new RecordLineWriter(RecordFeedFormat.Csv, Product, Json));

    [Benchmark]
    public int CodexLogFileSealed()
    {
        var builder = new ComplianceLogFileBuilder(ComplianceLogType.CodexLog, 1000, 64 << 20);
        foreach (var record in _records)
        {
            builder.TryAdd(record);
        }

        return builder.Build("bench", DateTimeOffset.UnixEpoch).ContentGzip.Length;
    }

    private int Write(RecordLineWriter writer)
    {
        _output.ResetWrittenCount();
        writer.WriteHeader(_output);
        foreach (var record in _records)
        {
            writer.Write(_output, record);
        }

        return _output.WrittenCount;
    }

    private sealed class Settings : ManualConfig
    {
        public Settings()
        {
            AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithWarmupCount(3).WithIterationCount(15));
            AddColumn(BenchmarkDotNet.Columns.StatisticColumn.Median);
        }
    }
}
