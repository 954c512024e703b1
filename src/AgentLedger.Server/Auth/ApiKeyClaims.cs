using System.Security.Claims;
using AgentLedger.Core.Keys;

namespace AgentLedger.Server.Auth;

/// <summary>Claim names of an authenticated API key, and typed accessors for endpoint code.</summary>
public static class ApiKeyClaims
{
    public const string Scheme = "ApiKey";
    public const string WorkspaceId = "agentledger:workspace_id";
    public const string KeyId = "agentledger:key_id";
    public const string Scopes = "agentledger:scopes";

    public static string GetWorkspaceId(this ClaimsPrincipal user) =>
        user.FindFirstValue(WorkspaceId) ?? throw new InvalidOperationException("The request is not authenticated with an API key.");

    public static string? GetKeyId(this ClaimsPrincipal user) => user.FindFirstValue(KeyId);

    public static ApiKeyScope GetScopes(this ClaimsPrincipal user) =>
        user.FindFirstValue(Scopes) is { } scopes ? ApiKeyScopes.Parse(scopes) : ApiKeyScope.None;
}
