namespace AgentLedger.Server.Features.Ingestion.Events;

/// <summary>What the server knows about a batch beyond its body: the key's workspace and the request.</summary>
public sealed record NativeEventContext(string WorkspaceId, DateTimeOffset ReceivedAt, string? ClientIp, string? UserAgent);
