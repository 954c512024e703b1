using System.IO.Compression;
using AgentLedger.Core.Records;
using AgentLedger.Otlp.Decoding;
using AgentLedger.Otlp.Mapping;
using AgentLedger.Otlp.Proto.Collector.Logs.V1;
using AgentLedger.Otlp.Proto.Collector.Metrics.V1;
using AgentLedger.Otlp.Proto.Collector.Trace.V1;
using Microsoft.Extensions.Time.Testing;

namespace AgentLedger.Otlp.Tests;

/// <summary>Decodes capture files (by name: signal and encoding) and maps them as the receivers do.</summary>
internal static class FixtureMapping
{
    public const string Workspace = "ws_test";

    public static readonly DateTimeOffset ReceivedAt = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    public static OtlpRecordMapper Mapper() => new(new FakeTimeProvider(ReceivedAt));

    public static IReadOnlyList<ActivityRecord> Map(string relative) => Map(Mapper(), relative);

    public static IReadOnlyList<ActivityRecord> Map(OtlpRecordMapper mapper, string relative)
    {
        var body = FixtureFiles.Read(relative);
        if (relative.EndsWith(".gz", StringComparison.Ordinal))
        {
            body = Gunzip(body);
        }

        var json = relative.EndsWith(".json", StringComparison.Ordinal);
        var context = new OtlpIngestContext(Workspace);
        var name = Path.GetFileName(relative);
        if (name.Contains("logs", StringComparison.Ordinal))
        {
            return mapper.MapLogs(json ? OtlpJsonDecoder.Decode<ExportLogsServiceRequest>(body) : OtlpProtobufDecoder.Decode<ExportLogsServiceRequest>(body), context);
        }

        if (name.Contains("metrics", StringComparison.Ordinal))
        {
            return mapper.MapMetrics(json ? OtlpJsonDecoder.Decode<ExportMetricsServiceRequest>(body) : OtlpProtobufDecoder.Decode<ExportMetricsServiceRequest>(body), context);
        }

        return mapper.MapTraces(json ? OtlpJsonDecoder.Decode<ExportTraceServiceRequest>(body) : OtlpProtobufDecoder.Decode<ExportTraceServiceRequest>(body), context);
    }

    /// <summary>Every request body of a capture folder whose name matches, as the agent sent them (no decoded views).</summary>
    public static IReadOnlyList<ActivityRecord> MapAll(string dir, string signal) =>
        [.. RequestBodies(dir, signal).SelectMany(Map)];

    public static IEnumerable<string> RequestBodies(string dir, string signal) =>
        FixtureFiles.Find(dir, "*")
            .Where(f => Path.GetFileName(f).Contains(signal, StringComparison.Ordinal))
            .Where(f => f.EndsWith(".pb", StringComparison.Ordinal)
                        || (f.EndsWith(".json", StringComparison.Ordinal) && !f.Contains(".pb.", StringComparison.Ordinal)
                            && !f.Contains(".decoded.", StringComparison.Ordinal) && !f.Contains(".meta.", StringComparison.Ordinal)));

    public static byte[] Gunzip(byte[] body)
    {
        using var input = new GZipStream(new MemoryStream(body), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }

    public static int Count(this IEnumerable<ActivityRecord> records, RecordKind kind) => records.Count(r => r.Kind == kind);

    public static TokenUsage TotalUsage(this IEnumerable<ActivityRecord> records) =>
        records.Aggregate(TokenUsage.None, (sum, r) => new TokenUsage(
            sum.InputTokens + r.Usage.InputTokens,
            sum.CachedInputTokens + r.Usage.CachedInputTokens,
            sum.OutputTokens + r.Usage.OutputTokens,
            sum.ReasoningTokens + r.Usage.ReasoningTokens));
}
