using System.Security.Claims;
using System.Security.Cryptography;
using AgentLedger.Core.Accounts;
using AgentLedger.Core.Keys;
using AgentLedger.Server.Auth;
using AgentLedger.Server.Features.Compliance.Audit;
using Microsoft.AspNetCore.Identity;

namespace AgentLedger.Server.Features.Dashboard.Accounts;

/// <summary>
/// Creates accounts and checks passwords with ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/> (PBKDF2,
/// versioned format, rehash on upgrade). A signed-in account carries the same claims as an API key of its role.
/// </summary>
public sealed partial class DashboardAccountService(
    IDashboardAccountStore accounts, IWorkspaceStore workspaces, ComplianceAuditor auditor, TimeProvider time, ILogger<DashboardAccountService> logger)
{
    public const int MinimumPasswordLength = 12;

    private readonly PasswordHasher<DashboardAccount> _hasher = new();

    /// <summary>Creates an account (and its workspace, if new); the error names the field when it cannot.</summary>
    public async Task<(DashboardAccount? Account, string? Error)> CreateAsync(
        string email, string password, DashboardRole role, string workspaceId, CancellationToken cancellationToken)
    {
        email = email.Trim();
        if (email.Length is 0 or > 320 || !email.Contains('@', StringComparison.Ordinal))
        {
            return (null, "email: an e-mail address is required.");
        }

        if (password.Length < MinimumPasswordLength)
        {
            return (null, $"password: at least {MinimumPasswordLength} characters are required.");
        }

        if (!WorkspaceIds.IsValid(workspaceId))
        {
            return (null, $"workspace: '{workspaceId}' is invalid: {WorkspaceIds.Rule}.");
        }

        await workspaces.EnsureWorkspaceAsync(workspaceId, workspaceId, cancellationToken).ConfigureAwait(false);
        var account = new DashboardAccount(
            LocalAccountPrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)), email, workspaceId, role, "", time.GetUtcNow(), null);
        account = account with { PasswordHash = _hasher.HashPassword(account, password) };
        if (!await accounts.CreateAsync(account, cancellationToken).ConfigureAwait(false))
        {
            return (null, $"email: an account for '{email}' already exists.");
        }

        LogCreated(logger, account.AccountId, workspaceId, DashboardRoles.Format(role));
        return (account, null);
    }

    /// <summary>The principal of a correct e-mail and password, or null (the same answer for an unknown e-mail).</summary>
    public async Task<ClaimsPrincipal?> SignInAsync(string email, string password, CancellationToken cancellationToken)
    {
        var account = await accounts.FindByEmailAsync(email, cancellationToken).ConfigureAwait(false);
        if (account is null || account.DisabledAt is not null)
        {
            // Hash anyway, so that an unknown address takes as long as a wrong password.
            _hasher.HashPassword(new DashboardAccount("", "", "", DashboardRole.AnalyticsViewer, "", default, null), password);
            LogRejected(logger);
            return null;
        }

        var verdict = _hasher.VerifyHashedPassword(account, account.PasswordHash, password);
        if (verdict == PasswordVerificationResult.Failed)
        {
            LogRejected(logger);
            return null;
        }

        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            await accounts.UpdatePasswordHashAsync(account.AccountId, _hasher.HashPassword(account, password), cancellationToken).ConfigureAwait(false);
        }

        LogSignedIn(logger, account.AccountId);
        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, account.AccountId),
                new Claim(ClaimTypes.Name, account.Email),
                new Claim(ApiKeyClaims.WorkspaceId, account.WorkspaceId),
                new Claim(ApiKeyClaims.Scopes, ApiKeyScopes.Format(DashboardRoles.ScopesOf(account.Role))),
                new Claim(DashboardAuthentication.RoleClaim, DashboardRoles.Format(account.Role)),
            ],
            DashboardAuthentication.Scheme);
        return new ClaimsPrincipal(identity);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Dashboard account {AccountId} created in workspace {WorkspaceId} with role {Role}")]
    private static partial void LogCreated(ILogger logger, string accountId, string workspaceId, string role);

    [LoggerMessage(Level = LogLevel.Information, Message = "Dashboard sign-in of account {AccountId}")]
    private static partial void LogSignedIn(ILogger logger, string accountId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dashboard sign-in rejected (unknown e-mail or wrong password)")]
    private static partial void LogRejected(ILogger logger);
}
