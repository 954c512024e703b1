using AgentLedger.Otlp.Decoding;
using AgentLedger.Otlp.Proto.Collector.Logs.V1;
using AgentLedger.Otlp.Proto.Collector.Metrics.V1;
using AgentLedger.Otlp.Proto.Common.V1;
using AgentLedger.Otlp.Proto.Logs.V1;
using AgentLedger.Otlp.Proto.Metrics.V1;
using AgentLedger.Otlp.Proto.Resource.V1;

namespace AgentLedger.Load;

/// <summary>One resource + scope of a real capture with the items it carried: what one agent process sent.</summary>
internal sealed record LogTemplate(string Capture, Resource Resource, InstrumentationScope Scope, IReadOnlyList<LogRecord> Records);

internal sealed record MetricTemplate(string Capture, Resource Resource, InstrumentationScope Scope, IReadOnlyList<Metric> Metrics);

/// <summary>
/// The real client captures copied next to the tool (Claude Code and Codex protobuf, Gemini CLI OTLP/JSON; see
/// tests/AgentLedger.Otlp.Tests/Fixtures), split into per-scope templates. Every agent's vocabulary is represented.
/// </summary>
internal static class CaptureTemplates
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Captures");

    public static IReadOnlyList<LogTemplate> Logs()
    {
        var templates = new List<LogTemplate>();
        foreach (var (name, request) in Requests<ExportLogsServiceRequest>("logs"))
        {
            foreach (var resourceLogs in request.ResourceLogs)
            {
                foreach (var scopeLogs in resourceLogs.ScopeLogs.Where(s => s.LogRecords.Count > 0))
                {
                    templates.Add(new LogTemplate(name, resourceLogs.Resource ?? new Resource(), scopeLogs.Scope ?? new InstrumentationScope(), [.. scopeLogs.LogRecords]));
                }
            }
        }

        return templates.Count > 0 ? templates : throw new InvalidOperationException($"No OTLP log captures under {Folder}.");
    }

    public static IReadOnlyList<MetricTemplate> Metrics()
    {
        var templates = new List<MetricTemplate>();
        foreach (var (name, request) in Requests<ExportMetricsServiceRequest>("metrics"))
        {
            foreach (var resourceMetrics in request.ResourceMetrics)
            {
                foreach (var scopeMetrics in resourceMetrics.ScopeMetrics.Where(s => s.Metrics.Count > 0))
                {
                    templates.Add(new MetricTemplate(name, resourceMetrics.Resource ?? new Resource(), scopeMetrics.Scope ?? new InstrumentationScope(), [.. scopeMetrics.Metrics]));
                }
            }
        }

        return templates.Count > 0 ? templates : throw new InvalidOperationException($"No OTLP metric captures under {Folder}.");
    }

    private static IEnumerable<(string Name, T Request)> Requests<T>(string signal)
        where T : class, Google.Protobuf.IMessage<T>, new()
    {
        foreach (var file in Directory.EnumerateFiles(Folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(file);
            if (!name.Contains(signal, StringComparison.Ordinal))
            {
                continue;
            }

            var capture = Path.GetFileName(Path.GetDirectoryName(file)!) + "/" + name;
            if (name.EndsWith(".pb", StringComparison.Ordinal))
            {
                yield return (capture, OtlpProtobufDecoder.Decode<T>(File.ReadAllBytes(file)));
            }
            else if (name.EndsWith(".json", StringComparison.Ordinal))
            {
                yield return (capture, OtlpJsonDecoder.Decode<T>(File.ReadAllBytes(file)));
            }
        }
    }
}
