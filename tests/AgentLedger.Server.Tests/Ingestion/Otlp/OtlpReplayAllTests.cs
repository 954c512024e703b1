using System.IO.Compression;
using System.Net;
using AgentLedger.Otlp.Decoding;
using AgentLedger.Otlp.Proto.Collector.Logs.V1;
using AgentLedger.Otlp.Proto.Collector.Metrics.V1;
using AgentLedger.Otlp.Proto.Collector.Trace.V1;
using AgentLedger.Otlp.Proto.Metrics.V1;
using AgentLedger.Server.Tests.Testing;

namespace AgentLedger.Server.Tests.Ingestion.Otlp;

/// <summary>
/// Every OTLP/HTTP request body captured from the three agents, replayed as sent (content type and encoding
/// as the capture recorded them): each is accepted, and every log record, metric point and span becomes one
/// stored record — nothing is dropped.
/// </summary>
public sealed class OtlpReplayAllTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    public static TheoryData<string> CaptureFolders() =>
    [
        .. new[] { "codex", "claude-code", "gemini-cli/captures" }
            .SelectMany(agent => Directory.EnumerateDirectories(OtlpCaptures.PathOf(agent)))
            .Select(dir => Path.GetRelativePath(OtlpCaptures.PathOf("."), dir))
            .Where(dir => !dir.EndsWith("07-grpc-shell-tool", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal),
    ];

    [Theory]
    [MemberData(nameof(CaptureFolders))]
    public async Task Export_EveryCapturedRequest_IsAcceptedAndEveryItemStored(string folder)
    {
        var ws = await server.NewWorkspaceAsync();
        var expected = 0;
        var requests = 0;
        foreach (var (file, contentType, encoding) in RequestsAsSent(folder))
        {
            var response = await OtlpCaptures.PostAsync(ws.Client(), file, contentType, encoding);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{file}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            var body = OtlpCaptures.Read(file);
            expected += Items(file, encoding == "gzip" ? Gunzip(body) : body, contentType == "application/json");
            requests++;
        }

        Assert.True(requests > 0, $"no request bodies in {folder}");
        Assert.Equal(expected, (await ws.Client().ReadAllRecordsAsync(ws.Id)).Count);
    }

    /// <summary>Codex and Claude Code: raw .json/.pb (.pb.gz when gzip was used); Gemini CLI: the raw .body with its meta.</summary>
    private static IEnumerable<(string File, string ContentType, string? Encoding)> RequestsAsSent(string folder)
    {
        if (folder.StartsWith("gemini-cli", StringComparison.Ordinal))
        {
            foreach (var file in OtlpCaptures.Bodies(folder, ".body"))
            {
                var meta = File.ReadAllText(OtlpCaptures.PathOf(file[..^".body".Length] + ".meta.json"));
                yield return (file, "application/json", meta.Contains("\"content_encoding\": \"gzip\"", StringComparison.Ordinal) ? "gzip" : null);
            }

            yield break;
        }

        var gzipped = Directory.EnumerateFiles(OtlpCaptures.PathOf(folder), "*.pb.gz").Any();
        foreach (var file in OtlpCaptures.Bodies(folder, ".json", ".pb"))
        {
            if (file.EndsWith(".pb", StringComparison.Ordinal))
            {
                yield return gzipped ? (file + ".gz", "application/x-protobuf", "gzip") : (file, "application/x-protobuf", null);
            }
            else
            {
                yield return (file, "application/json", null);
            }
        }
    }

    private static int Items(string file, byte[] body, bool json)
    {
        var name = Path.GetFileName(file);
        if (name.Contains("logs", StringComparison.Ordinal))
        {
            var logs = json ? OtlpJsonDecoder.Decode<ExportLogsServiceRequest>(body) : OtlpProtobufDecoder.Decode<ExportLogsServiceRequest>(body);
            return logs.ResourceLogs.Sum(r => r.ScopeLogs.Sum(s => s.LogRecords.Count));
        }

        if (name.Contains("metrics", StringComparison.Ordinal))
        {
            var metrics = json ? OtlpJsonDecoder.Decode<ExportMetricsServiceRequest>(body) : OtlpProtobufDecoder.Decode<ExportMetricsServiceRequest>(body);
            return metrics.ResourceMetrics.Sum(r => r.ScopeMetrics.Sum(s => s.Metrics.Sum(Points)));
        }

        var traces = json ? OtlpJsonDecoder.Decode<ExportTraceServiceRequest>(body) : OtlpProtobufDecoder.Decode<ExportTraceServiceRequest>(body);
        return traces.ResourceSpans.Sum(r => r.ScopeSpans.Sum(s => s.Spans.Count));
    }

    private static int Points(Metric metric) => metric.DataCase switch
    {
        Metric.DataOneofCase.Sum => metric.Sum.DataPoints.Count,
        Metric.DataOneofCase.Gauge => metric.Gauge.DataPoints.Count,
        Metric.DataOneofCase.Histogram => metric.Histogram.DataPoints.Count,
        Metric.DataOneofCase.ExponentialHistogram => metric.ExponentialHistogram.DataPoints.Count,
        Metric.DataOneofCase.Summary => metric.Summary.DataPoints.Count,
        _ => 1,
    };

    private static byte[] Gunzip(byte[] body)
    {
        using var input = new GZipStream(new MemoryStream(body), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }
}
