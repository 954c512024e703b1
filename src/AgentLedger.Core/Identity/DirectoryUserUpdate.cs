namespace AgentLedger.Core.Identity;

/// <summary>An administrator's statement about a person, keyed by e-mail: their name and team.</summary>
public sealed record DirectoryUserUpdate(string Email, string? DisplayName, string? Team);
