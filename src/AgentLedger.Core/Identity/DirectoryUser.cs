namespace AgentLedger.Core.Identity;

/// <summary>A person in a workspace's directory. Records point at users; teams come from here.</summary>
public sealed record DirectoryUser(
    string UserId,
    string WorkspaceId,
    string? Email,
    string? DisplayName,
    string? Team,
    DateTimeOffset CreatedAt);
