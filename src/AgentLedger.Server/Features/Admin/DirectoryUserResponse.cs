namespace AgentLedger.Server.Features.Admin;

public sealed record DirectoryUserResponse(string UserId, string? Email, string? DisplayName, string? Team);
