namespace AgentLedger.Server.Features.Admin;

public sealed record WorkspaceResponse(string WorkspaceId, string Name, DateTimeOffset CreatedAt, long Records, long LastSeq);
