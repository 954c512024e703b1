using System.Text.Json;
using AgentLedger.CrashTest;
using AgentLedger.Server.Features.Ingestion.Events;

namespace AgentLedger.Benchmarks;

/// <summary>
/// Realistic native events (the crash test's generator: prompts of a few hundred characters, token counts, models,
/// tool calls, reviews), parsed once by the server's own parser so that the benchmark starts from exactly what
/// the endpoint hands to the mapper. Operations stamp fresh event and session ids on these templates.
/// </summary>
internal static class BenchmarkPayloads
{
    public const int Templates = 2048;

    /// <summary>The endpoint's JSON settings (AgentLedgerApp: web defaults, snake_case).</summary>
    public static readonly JsonSerializerOptions ServerJson = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public static SyntheticEvent[] Synthetic(DateTimeOffset now)
    {
        var random = new Random(42);
        return Enumerable.Range(0, Templates)
            .Select(i => SyntheticEventSource.Create($"template-{i}", $"template-session-{i / 40}", random, now))
            .ToArray();
    }

    public static NativeEvent[] Native(DateTimeOffset now)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(Synthetic(now), IngestClient.Json);
        var batch = NativeEventBatchParser.Parse(body, ndjson: false, ServerJson);
        if (batch.BodyError is not null || batch.Events.Any(e => e.Event is null))
        {
            throw new InvalidOperationException("The benchmark payload does not parse: " + (batch.BodyError ?? batch.Events.First(e => e.Event is null).Error));
        }

        return batch.Events.Select(e => e.Event!).ToArray();
    }
}
