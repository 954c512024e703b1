using AgentLedger.Core.Integrity;
using AgentLedger.Core.Metrics;
using AgentLedger.Core.Records;
using AgentLedger.Server.Features.Ingestion.Events;
using BenchmarkDotNet.Attributes;

namespace AgentLedger.Benchmarks;

/// <summary>
/// What the hash chain (ADR 0005) adds to the writer per commit: the content hash and the chain link of each record of
/// a batch of the benchmark's realistic records, CPU only (no storage). Compare with the mapper's cost in the same
/// run, and with the writer's CPU per event in docs/perf/ingest-sqlite.md.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(IngestBenchmarkConfig))]
public class RecordChainBenchmarks
{
    private ActivityRecord[] _records = [];
    private NativeEvent[] _events = [];
    private readonly NativeEventMapper _mapper = new(new CreditCalculator(PriceBook.Default));

    [Params(100)]
    public int BatchSize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var now = new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
        var context = new NativeEventContext("bench", now, "127.0.0.1", "bench/1.0");
        _events = BenchmarkPayloads.Native(now);
        _records = Enumerable.Range(0, BatchSize)
            .Select(i => _mapper.Map(_events[i % _events.Length] with { EventId = "chain-" + i }, context).Records[0] with { Seq = i + 1, UserId = "user-" + (i % 7) })
            .ToArray();
    }

    [Benchmark(Baseline = true, Description = "(for scale) mapper only, one batch")]
    public int MapOnly()
    {
        var context = new NativeEventContext("bench", DateTimeOffset.UnixEpoch, "127.0.0.1", "bench/1.0");
        var count = 0;
        for (var i = 0; i < BatchSize; i++)
        {
            count += _mapper.Map(_events[i % _events.Length] with { EventId = "map-" + i }, context).Records.Count;
        }

        return count;
    }

    [Benchmark(Description = "content hash + chain link, one batch")]
    public byte[] ChainBatch()
    {
        var head = RecordChain.Genesis.ToArray();
        foreach (var record in _records)
        {
            head = RecordChain.Link(head, record, RecordChain.ContentHash(record));
        }

        return head;
    }
}
