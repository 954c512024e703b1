using AgentLedger.Core.Keys;
using Microsoft.AspNetCore.Authorization;

namespace AgentLedger.Server.Auth;

internal sealed class ScopeAuthorizationHandler : AuthorizationHandler<ScopeRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ScopeRequirement requirement)
    {
        if (context.User.Identity?.IsAuthenticated == true && ApiKeyScopes.Allows(context.User.GetScopes(), requirement.Scope))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
