namespace AgentLedger.Load;

/// <summary>What a request carries and where it goes.</summary>
internal enum TrafficKind
{
    OtlpLogsProtobuf,
    OtlpLogsJson,
    OtlpMetricsProtobuf,
    NativeEvents,
    GitHubWebhooks,

    /// <summary>Codex CLI's model calls through the gateway: OpenAI Responses, streamed.</summary>
    GatewayOpenAi,

    /// <summary>Claude Code's model calls through the gateway: Anthropic Messages, streamed.</summary>
    GatewayAnthropic,
}

internal static class TrafficKinds
{
    public static readonly IReadOnlyDictionary<string, TrafficKind> ByName = new Dictionary<string, TrafficKind>(StringComparer.Ordinal)
    {
        ["otlp-logs-proto"] = TrafficKind.OtlpLogsProtobuf,
        ["otlp-logs-json"] = TrafficKind.OtlpLogsJson,
        ["otlp-metrics-proto"] = TrafficKind.OtlpMetricsProtobuf,
        ["events"] = TrafficKind.NativeEvents,
        ["github"] = TrafficKind.GitHubWebhooks,
        ["gateway-openai"] = TrafficKind.GatewayOpenAi,
        ["gateway-anthropic"] = TrafficKind.GatewayAnthropic,
    };

    public static bool IsGateway(TrafficKind kind) => kind is TrafficKind.GatewayOpenAi or TrafficKind.GatewayAnthropic;

    public static string Name(TrafficKind kind) => ByName.First(p => p.Value == kind).Key;

    /// <summary>Parses <c>name=weight,name=weight</c> (a bare name weighs 1).</summary>
    public static IReadOnlyList<(TrafficKind Kind, int Weight)> ParseMix(string text)
    {
        var mix = new List<(TrafficKind, int)>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var (name, weightText) = part.Split('=') is [var n, var w] ? (n, w) : (part, "1");
            if (!ByName.TryGetValue(name, out var kind))
            {
                throw new FormatException($"--mix: unknown traffic '{name}'; known: {string.Join(", ", ByName.Keys)}.");
            }

            if (!int.TryParse(weightText, out var weight) || weight < 0)
            {
                throw new FormatException($"--mix: the weight of '{name}' must be a whole number >= 0, not '{weightText}'.");
            }

            if (weight > 0)
            {
                mix.Add((kind, weight));
            }
        }

        return mix.Count > 0 ? mix : throw new FormatException("--mix: no traffic with a weight above 0.");
    }
}
