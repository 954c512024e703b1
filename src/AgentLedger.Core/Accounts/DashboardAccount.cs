namespace AgentLedger.Core.Accounts;

/// <summary>A local dashboard sign-in. The e-mail is unique across the server; the account sees one workspace.</summary>
public sealed record DashboardAccount(
    string AccountId,
    string Email,
    string WorkspaceId,
    DashboardRole Role,
    string PasswordHash,
    DateTimeOffset CreatedAt,
    DateTimeOffset? DisabledAt);
