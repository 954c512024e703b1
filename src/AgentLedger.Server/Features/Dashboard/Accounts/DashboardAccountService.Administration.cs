using System.Security.Claims;
using System.Text.Json.Nodes;
using AgentLedger.Core.Accounts;
using AgentLedger.Core.Compliance;
using AgentLedger.Core.Keys;
using AgentLedger.Server.Auth;
using AgentLedger.Server.Features.Compliance.Audit;

namespace AgentLedger.Server.Features.Dashboard.Accounts;

/// <summary>What an admin does to the accounts of its own workspace, and the workspaces it creates; each is an audit event.</summary>
public sealed partial class DashboardAccountService
{
    /// <summary>Ids of local accounts start with this; sessions from OpenID Connect carry the provider's subject instead.</summary>
    public const string LocalAccountPrefix = "acc_";

    public const int MaxWorkspaceNameLength = 200;

    public Task<IReadOnlyList<DashboardAccount>> ListAsync(string workspaceId, CancellationToken cancellationToken) =>
        accounts.ListAsync(workspaceId, cancellationToken);

    /// <summary>Creates an account in the admin's own workspace.</summary>
    public async Task<(DashboardAccount? Account, string? Error)> CreateByAdminAsync(
        AuditCaller admin, string email, string password, DashboardRole role, CancellationToken cancellationToken)
    {
        var (account, error) = await CreateAsync(email, password, role, admin.User.GetWorkspaceId(), cancellationToken).ConfigureAwait(false);
        if (account is not null)
        {
            await auditor.RecordAsync(admin, AuditActions.CreateDashboardAccount, ApiKeyScope.Admin, AccountAuditData(account), cancellationToken)
                .ConfigureAwait(false);
        }

        return (account, error);
    }

    /// <summary>Disables an account of the admin's workspace (not its own); null when done, else what is wrong.</summary>
    public async Task<string?> DisableByAdminAsync(AuditCaller admin, string accountId, CancellationToken cancellationToken)
    {
        if (accountId == admin.User.FindFirstValue(ClaimTypes.NameIdentifier))
        {
            return "You cannot disable the account you are signed in with.";
        }

        if (!await accounts.DisableAsync(admin.User.GetWorkspaceId(), accountId, time.GetUtcNow(), cancellationToken).ConfigureAwait(false))
        {
            return $"No active account '{accountId}' in this workspace.";
        }

        await auditor.RecordAsync(admin, AuditActions.DisableDashboardAccount, ApiKeyScope.Admin, new JsonObject { ["account_id"] = accountId },
            cancellationToken).ConfigureAwait(false);
        LogDisabled(logger, accountId);
        return null;
    }

    /// <summary>
    /// Creates a new workspace with its first admin account. The new workspace is a tenant of its own: the creating admin
    /// sees it listed, and nothing of its data.
    /// </summary>
    public async Task<(Workspace? Workspace, string? Error)> CreateWorkspaceAsync(
        AuditCaller admin, string? workspaceId, string? name, string? adminEmail, string? adminPassword, CancellationToken cancellationToken)
    {
        workspaceId = workspaceId?.Trim() ?? "";
        name = string.IsNullOrWhiteSpace(name) ? workspaceId : name.Trim();
        adminEmail = adminEmail?.Trim() ?? "";
        if (!WorkspaceIds.IsValid(workspaceId))
        {
            return (null, $"Workspace id: '{workspaceId}' is invalid: {WorkspaceIds.Rule}.");
        }

        if (name.Length > MaxWorkspaceNameLength)
        {
            return (null, $"Name: at most {MaxWorkspaceNameLength} characters.");
        }

        if (adminEmail.Length is 0 or > 320 || !adminEmail.Contains('@', StringComparison.Ordinal))
        {
            return (null, "First admin's e-mail: an e-mail address is required.");
        }

        if ((adminPassword ?? "").Length < MinimumPasswordLength)
        {
            return (null, $"First admin's password: at least {MinimumPasswordLength} characters are required.");
        }

        if (await accounts.FindByEmailAsync(adminEmail, cancellationToken).ConfigureAwait(false) is not null)
        {
            return (null, $"First admin's e-mail: an account for '{adminEmail}' already exists.");
        }

        var creator = admin.User.GetWorkspaceId();
        if (!await workspaces.CreateWorkspaceAsync(workspaceId, name, creator, cancellationToken).ConfigureAwait(false))
        {
            return (null, $"Workspace id: '{workspaceId}' is already taken.");
        }

        var (account, error) = await CreateAsync(adminEmail, adminPassword!, DashboardRole.Admin, workspaceId, cancellationToken).ConfigureAwait(false);
        var data = new JsonObject { ["workspace_id"] = workspaceId, ["name"] = name, ["admin_account_id"] = account?.AccountId };
        await auditor.RecordAsync(admin, AuditActions.CreateWorkspace, ApiKeyScope.Admin, data, cancellationToken).ConfigureAwait(false);
        if (account is null)
        {
            return (null, error);
        }

        await auditor.RecordSystemAsync(workspaceId, AuditActions.CreateDashboardAccount, AuditResult.Success,
            new JsonObject { ["account_id"] = account.AccountId, ["role"] = "admin", ["created_by_workspace_id"] = creator }, cancellationToken)
            .ConfigureAwait(false);
        return (await workspaces.FindWorkspaceAsync(workspaceId, cancellationToken).ConfigureAwait(false), null);
    }

    private static JsonObject AccountAuditData(DashboardAccount account) => new()
    {
        ["account_id"] = account.AccountId,
        ["role"] = DashboardRoles.Format(account.Role),
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Dashboard account {AccountId} disabled")]
    private static partial void LogDisabled(ILogger logger, string accountId);
}
