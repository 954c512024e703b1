namespace AgentLedger.Otlp.Mapping;

/// <summary>What the receiver knows about a request beyond its body: the workspace its ingest key belongs to, and the caller.</summary>
public sealed record OtlpIngestContext(string WorkspaceId)
{
    public string? ClientIp { get; init; }

    public string? UserAgent { get; init; }
}
