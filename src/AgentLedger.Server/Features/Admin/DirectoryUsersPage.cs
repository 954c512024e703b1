namespace AgentLedger.Server.Features.Admin;

public sealed record DirectoryUsersPage(IReadOnlyList<DirectoryUserResponse> Data, bool HasMore, string? NextPage);
