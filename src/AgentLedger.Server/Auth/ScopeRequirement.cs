using AgentLedger.Core.Keys;
using Microsoft.AspNetCore.Authorization;

namespace AgentLedger.Server.Auth;

/// <summary>The endpoint needs an API key granted <see cref="Scope"/> (or a scope implying it).</summary>
public sealed class ScopeRequirement(ApiKeyScope scope) : IAuthorizationRequirement
{
    public ApiKeyScope Scope { get; } = scope;
}
