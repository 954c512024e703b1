using System.Text.Json.Nodes;
using AgentLedger.Core.Compliance;
using AgentLedger.Core.Keys;
using AgentLedger.Server.Features.Compliance.Audit;

namespace AgentLedger.Server.Features.Admin;

/// <summary>
/// Creating and revoking a workspace's keys on behalf of an admin (an <c>admin</c> API key or an admin dashboard account):
/// the one place that validates the request, changes the store and writes the audit event, for the API and the dashboard.
/// </summary>
public sealed class ApiKeyAdministration(ApiKeyIssuer issuer, IWorkspaceStore workspaces, ComplianceAuditor auditor, TimeProvider time)
{
    /// <summary>Issues a key; the error names the field when the request is not valid (and nothing is created).</summary>
    public async Task<(IssuedApiKey? Key, string? Error)> CreateAsync(
        AuditCaller caller, string workspaceId, string? name, IEnumerable<string>? scopeNames, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return (null, "name is required.");
        }

        if (name.Length > 200)
        {
            return (null, "name: at most 200 characters.");
        }

        ApiKeyScope scopes;
        try
        {
            scopes = ApiKeyScopes.Parse(string.Join(' ', scopeNames ?? []));
        }
        catch (FormatException ex)
        {
            return (null, "scopes: " + ex.Message);
        }

        if (scopes == ApiKeyScope.None)
        {
            return (null, $"scopes needs at least one of: {string.Join(", ", ApiKeyScopes.AllNames)}.");
        }

        var issued = await issuer.IssueAsync(workspaceId, name.Trim(), scopes, cancellationToken).ConfigureAwait(false);
        await auditor.RecordAsync(caller, AuditActions.CreateApiKey, ApiKeyScope.Admin,
            WorkspaceAdminEndpoints.KeyAuditData(issued.Info.KeyId, issued.Info.Name, scopes), cancellationToken).ConfigureAwait(false);
        return (issued, null);
    }

    /// <summary>Revokes an active key of the workspace; false when there is none with that id.</summary>
    public async Task<bool> RevokeAsync(AuditCaller caller, string workspaceId, string keyId, CancellationToken cancellationToken)
    {
        var revoked = await workspaces.RevokeApiKeyAsync(workspaceId, keyId, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        if (revoked)
        {
            await auditor.RecordAsync(caller, AuditActions.RevokeApiKey, ApiKeyScope.Admin, new JsonObject { ["key_id"] = keyId }, cancellationToken)
                .ConfigureAwait(false);
        }

        return revoked;
    }
}
