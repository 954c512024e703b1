namespace AgentLedger.Server.Features.Ingestion.Otlp;

/// <summary>The outcome of checking an OTLP request's ingest key: the key's workspace, or why it was refused.</summary>
public sealed record OtlpAuthResult(string? WorkspaceId, bool Forbidden, string? Error)
{
    public bool Succeeded => WorkspaceId is not null;
}
