using AgentLedger.Otlp.Decoding;
using AgentLedger.Otlp.Proto.Collector.Logs.V1;
using AgentLedger.Otlp.Proto.Collector.Metrics.V1;
using AgentLedger.Otlp.Proto.Collector.Trace.V1;
using Google.Protobuf;
using Xunit;

namespace AgentLedger.Otlp.Tests.Decoding;

/// <summary>
/// Every protobuf capture has an OTLP/JSON rendering made by other tools (protobufjs for Claude Code and
/// Gemini CLI, a dependency-free decoder for Codex). Decoding both must give the same message: that checks
/// hex ids, int64 strings, enum numbers and oneofs of the JSON decoder against the protobuf runtime.
/// </summary>
public sealed class OtlpFixtureDecodingTests
{
    public static TheoryData<string, string> ProtobufWithJsonView()
    {
        var data = new TheoryData<string, string>();
        foreach (var pb in FixtureFiles.Find(".", "*.pb"))
        {
            foreach (var suffix in new[] { ".pb.json", ".pb.decoded.json", ".decoded.json" })
            {
                var json = pb[..^3] + suffix;
                if (File.Exists(FixtureFiles.PathOf(json)))
                {
                    data.Add(pb, json);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ProtobufWithJsonView))]
    public void Decode_ProtobufAndItsJsonView_YieldEqualMessages(string protobufFile, string jsonFile)
    {
        var pb = FixtureFiles.Read(protobufFile);
        var json = FixtureFiles.Read(jsonFile);

        var (fromPb, fromJson) = Path.GetFileName(protobufFile) switch
        {
            var n when n.Contains("logs", StringComparison.Ordinal) =>
                ((IMessage)OtlpProtobufDecoder.Decode<ExportLogsServiceRequest>(pb), (IMessage)OtlpJsonDecoder.Decode<ExportLogsServiceRequest>(json)),
            var n when n.Contains("metrics", StringComparison.Ordinal) =>
                (OtlpProtobufDecoder.Decode<ExportMetricsServiceRequest>(pb), OtlpJsonDecoder.Decode<ExportMetricsServiceRequest>(json)),
            _ => (OtlpProtobufDecoder.Decode<ExportTraceServiceRequest>(pb), OtlpJsonDecoder.Decode<ExportTraceServiceRequest>(json)),
        };

        if (fromPb is ExportTraceServiceRequest traces && !File.ReadAllText(FixtureFiles.PathOf(jsonFile)).Contains("\"flags\"", StringComparison.Ordinal))
        {
            // Gemini's gRPC trace view was decoded with a proto that predates Span.flags (field 16), so it lacks them.
            ClearSpanFlags(traces);
        }

        Assert.True(fromPb.CalculateSize() > 0);
        Assert.True(fromPb.Equals(fromJson), FirstDifference(fromPb, fromJson));
    }

    private static void ClearSpanFlags(ExportTraceServiceRequest traces)
    {
        foreach (var span in traces.ResourceSpans.SelectMany(r => r.ScopeSpans).SelectMany(s => s.Spans))
        {
            span.Flags = 0;
            foreach (var link in span.Links)
            {
                link.Flags = 0;
            }
        }
    }

    private static string FirstDifference(IMessage expected, IMessage actual)
    {
        var a = JsonFormatter.Default.Format(expected);
        var b = JsonFormatter.Default.Format(actual);
        var i = 0;
        while (i < a.Length && i < b.Length && a[i] == b[i])
        {
            i++;
        }

        var from = Math.Max(0, i - 150);
        return $"protobuf: …{a[from..Math.Min(a.Length, i + 150)]}…\njson:     …{b[from..Math.Min(b.Length, i + 150)]}…";
    }

    [Fact]
    public void ProtobufWithJsonView_CoversEveryAgent()
    {
        var pairs = ProtobufWithJsonView().Select(row => row.Data.Item1).ToList();

        Assert.Contains(pairs, p => p.StartsWith("codex", StringComparison.Ordinal));
        Assert.Contains(pairs, p => p.StartsWith("claude-code", StringComparison.Ordinal));
        Assert.Contains(pairs, p => p.StartsWith("gemini-cli", StringComparison.Ordinal));
        Assert.True(pairs.Count >= 30, $"only {pairs.Count} protobuf captures found");
    }

    [Fact]
    public void Decode_CodexJsonLogs_ReadsHexIdsAsTheirBytes()
    {
        var request = OtlpJsonDecoder.Decode<ExportLogsServiceRequest>(FixtureFiles.Read("codex/run7-json-chatgpt-login/logs-0004.json"));

        var first = request.ResourceLogs[0].ScopeLogs[0].LogRecords[0];
        Assert.Equal("5a22e02e0edabd2674ecf5aa42119c86", Convert.ToHexStringLower(first.TraceId.Span));
        Assert.Equal("bd96cbc81daf42a2", Convert.ToHexStringLower(first.SpanId.Span));
        Assert.Equal(1795673041939816147UL, first.ObservedTimeUnixNano);
        Assert.Equal(0UL, first.TimeUnixNano);
        // Codex sends "traceId": "" on records outside a span.
        Assert.True(request.ResourceLogs[0].ScopeLogs[0].LogRecords[2].TraceId.IsEmpty);
    }
}
