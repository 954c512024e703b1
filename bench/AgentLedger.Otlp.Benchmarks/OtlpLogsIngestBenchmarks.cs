using AgentLedger.Otlp.Decoding;
using AgentLedger.Otlp.Mapping;
using AgentLedger.Otlp.Proto.Collector.Logs.V1;
using BenchmarkDotNet.Attributes;
using Google.Protobuf;

namespace AgentLedger.Otlp.Benchmarks;

/// <summary>
/// OTLP logs ingest up to the storage writer: decode a request and map it to activity records. The request is
/// the real Claude Code capture (every log request of the seven-prompt run, protobuf and JSON) repeated to
/// <see cref="RecordsPerRequest"/> records, the size of a busy exporter's batch. Figures are per record
/// (OperationsPerInvoke), so the Mean column is time per record and Allocated is bytes per record.
/// The protobuf parse alone is the baseline: what is left is the JSON decoder's and the mapper's cost.
/// </summary>
[MemoryDiagnoser]
public class OtlpLogsIngestBenchmarks
{
    public const int RecordsPerRequest = 2048;

    private readonly OtlpRecordMapper _mapper = new(TimeProvider.System);
    private readonly OtlpIngestContext _context = new("bench");
    private byte[] _protobuf = [];
    private byte[] _json = [];

    [GlobalSetup]
    public void Setup()
    {
        var fixtures = Path.Combine(AppContext.BaseDirectory, "Fixtures");
        var captured = new ExportLogsServiceRequest();
        foreach (var file in Directory.EnumerateFiles(fixtures, "*-logs.pb").Order(StringComparer.Ordinal))
        {
            captured.ResourceLogs.Add(OtlpProtobufDecoder.Decode<ExportLogsServiceRequest>(File.ReadAllBytes(file)).ResourceLogs);
        }

        var perCopy = captured.ResourceLogs.Sum(r => r.ScopeLogs.Sum(s => s.LogRecords.Count));
        if (RecordsPerRequest % perCopy != 0)
        {
            throw new InvalidOperationException($"The capture holds {perCopy} log records, which does not divide {RecordsPerRequest}.");
        }

        var scaled = new ExportLogsServiceRequest();
        for (var n = 0; n < RecordsPerRequest / perCopy; n++)
        {
            scaled.ResourceLogs.Add(captured.ResourceLogs.Select(r => r.Clone()));
        }

        _protobuf = scaled.ToByteArray();
        // Google's formatter writes ids as base64, not OTLP/JSON's hex; these records carry no ids, so the text is OTLP/JSON.
        var json = JsonFormatter.Default.Format(scaled);
        if (json.Contains("traceId", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("The benchmark's JSON body must not carry ids.");
        }

        _json = System.Text.Encoding.UTF8.GetBytes(json);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = RecordsPerRequest)]
    public ExportLogsServiceRequest ProtobufParseOnly() => OtlpProtobufDecoder.Decode<ExportLogsServiceRequest>(_protobuf);

    [Benchmark(OperationsPerInvoke = RecordsPerRequest)]
    public int ProtobufDecodeAndMap() => _mapper.MapLogs(OtlpProtobufDecoder.Decode<ExportLogsServiceRequest>(_protobuf), _context).Count;

    [Benchmark(OperationsPerInvoke = RecordsPerRequest)]
    public int JsonDecodeAndMap() => _mapper.MapLogs(OtlpJsonDecoder.Decode<ExportLogsServiceRequest>(_json), _context).Count;
}
