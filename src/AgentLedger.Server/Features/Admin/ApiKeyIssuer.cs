using AgentLedger.Core.Keys;

namespace AgentLedger.Server.Features.Admin;

/// <summary>Creates API keys: the one place a secret exists in clear, returned once and stored only as a hash.</summary>
public sealed class ApiKeyIssuer(IWorkspaceStore workspaces, TimeProvider time)
{
    /// <summary>Issues a key for the workspace, creating the workspace when it does not exist yet.</summary>
    public async Task<IssuedApiKey> IssueAsync(string workspaceId, string name, ApiKeyScope scopes, CancellationToken cancellationToken)
    {
        if (!WorkspaceIds.IsValid(workspaceId))
        {
            throw new ArgumentException($"Workspace id '{workspaceId}' is invalid: {WorkspaceIds.Rule}.", nameof(workspaceId));
        }

        if (scopes == ApiKeyScope.None)
        {
            throw new ArgumentException($"A key needs at least one scope ({string.Join(", ", ApiKeyScopes.AllNames)}).", nameof(scopes));
        }

        await workspaces.EnsureWorkspaceAsync(workspaceId, workspaceId, cancellationToken).ConfigureAwait(false);
        var secret = ApiKeySecret.Generate();
        var info = new ApiKeyInfo(secret.KeyId, workspaceId, name, scopes, secret.Hash(), time.GetUtcNow(), null);
        await workspaces.CreateApiKeyAsync(info, cancellationToken).ConfigureAwait(false);
        return new IssuedApiKey(info, secret.Token);
    }
}
