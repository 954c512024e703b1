using AgentLedger.Core.Gateway;
using AgentLedger.Core.Keys;
using AgentLedger.Server.Auth;

namespace AgentLedger.Server.Features.Gateway;

/// <summary>
/// Finds the AgentLedger key where each provider's SDK puts its key — <c>Authorization: Bearer</c> (OpenAI),
/// <c>x-api-key</c> (Anthropic), <c>x-goog-api-key</c> or <c>?key=</c> (Gemini) — or in <c>X-AgentLedger-Key</c> when
/// the client passes its own provider key through. The key needs the <c>gateway</c> scope.
/// </summary>
public sealed class GatewayCallerAuthenticator(IWorkspaceStore workspaces, ApiKeyUsageRecorder usage, TimeProvider time)
{
    public const string AgentLedgerKeyHeader = "X-AgentLedger-Key";

    /// <returns>The caller, or the status and message of the provider-shaped error to answer.</returns>
    public async Task<(GatewayCaller? Caller, int Status, string? Error)> AuthenticateAsync(HttpRequest request, GatewayProvider provider, CancellationToken cancellationToken)
    {
        var (token, inHeader) = request.Headers[AgentLedgerKeyHeader].ToString() is { Length: > 0 } explicitKey
            ? (explicitKey, true)
            : (ProviderSlot(request, provider), false);
        if (string.IsNullOrEmpty(token))
        {
            return (null, StatusCodes.Status401Unauthorized,
                "AgentLedger gateway: no API key. Put your AgentLedger key (al_…) where the agent puts its provider key, or in X-AgentLedger-Key.");
        }

        if (!ApiKeySecret.TryParse(token, out var presented))
        {
            return (null, StatusCodes.Status401Unauthorized,
                "AgentLedger gateway: the key is not an AgentLedger API key (expected al_<key id>_<secret>). Provider keys are held by AgentLedger; ask your administrator for a gateway key.");
        }

        var stored = await workspaces.FindApiKeyAsync(presented.KeyId, cancellationToken).ConfigureAwait(false);
        if (stored is null || !presented.Matches(stored.SecretHash))
        {
            return (null, StatusCodes.Status401Unauthorized, "AgentLedger gateway: the API key is not valid.");
        }

        if (stored.RevokedAt is { } revokedAt && revokedAt <= time.GetUtcNow())
        {
            return (null, StatusCodes.Status401Unauthorized, "AgentLedger gateway: the API key has been revoked.");
        }

        if (!ApiKeyScopes.Allows(stored.Scopes, ApiKeyScope.Gateway))
        {
            return (null, StatusCodes.Status403Forbidden,
                $"AgentLedger gateway: the API key lacks the '{ApiKeyScopes.Gateway}' scope (it has: {ApiKeyScopes.Format(stored.Scopes)}).");
        }

        usage.KeyUsed(stored.KeyId);
        return (new GatewayCaller(stored.WorkspaceId, stored.KeyId, stored.Name, inHeader), 0, null);
    }

    private static string? ProviderSlot(HttpRequest request, GatewayProvider provider)
    {
        string? Bearer()
        {
            var auth = request.Headers.Authorization.ToString();
            return auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? auth["Bearer ".Length..].Trim() : null;
        }

        return provider switch
        {
            GatewayProvider.OpenAi => Bearer(),
            GatewayProvider.Anthropic => request.Headers["x-api-key"].ToString() is { Length: > 0 } k ? k : Bearer(),
            GatewayProvider.Gemini => request.Headers["x-goog-api-key"].ToString() is { Length: > 0 } g ? g
                : request.Query["key"].ToString() is { Length: > 0 } q ? q : Bearer(),
            _ => null,
        };
    }
}
