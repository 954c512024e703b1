namespace AgentLedger.Server.Features.Admin;

public sealed record DirectoryUserRequest(string? Email, string? DisplayName, string? Team);
