namespace AgentLedger.Core.Accounts;

/// <summary>Local dashboard accounts.</summary>
public interface IDashboardAccountStore
{
    /// <summary>Creates the account; false when an account with that e-mail (compared case-insensitively) exists.</summary>
    Task<bool> CreateAsync(DashboardAccount account, CancellationToken cancellationToken);

    /// <summary>The account of an e-mail (compared case-insensitively), or null.</summary>
    Task<DashboardAccount?> FindByEmailAsync(string email, CancellationToken cancellationToken);

    /// <summary>Replaces the stored hash (a sign-in rehashes a password hashed with older parameters).</summary>
    Task UpdatePasswordHashAsync(string accountId, string passwordHash, CancellationToken cancellationToken);

    /// <summary>The accounts of a workspace, by e-mail.</summary>
    Task<IReadOnlyList<DashboardAccount>> ListAsync(string workspaceId, CancellationToken cancellationToken);

    /// <summary>Disables an active account of the workspace; false when there is no such active account.</summary>
    Task<bool> DisableAsync(string workspaceId, string accountId, DateTimeOffset at, CancellationToken cancellationToken);
}
