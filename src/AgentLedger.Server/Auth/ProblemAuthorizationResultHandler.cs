using System.Text.Json.Nodes;
using AgentLedger.Core.Compliance;
using AgentLedger.Core.Keys;
using AgentLedger.Server.Features.Compliance.Audit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace AgentLedger.Server.Auth;

/// <summary>
/// Answers a missing scope with a 403 ProblemDetails that names the scope the endpoint needs. A key refused on a
/// compliance path leaves an audit event (DENIED) in its workspace: attempts to read compliance data are on the record too.
/// </summary>
internal sealed class ProblemAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        // Dashboard pages (not under /api or /v1) answer the browser way: the cookie scheme's sign-in or access-denied page.
        var api = context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/v1");
        if (authorizeResult.Forbidden && api)
        {
            var missing = authorizeResult.AuthorizationFailure?.FailedRequirements.OfType<ScopeRequirement>().FirstOrDefault();
            var detail = missing is null
                ? "The API key may not use this endpoint."
                : $"The API key lacks the '{ApiKeyScopes.Format(missing.Scope)}' scope this endpoint needs.";
            if (context.User.Identity?.IsAuthenticated == true && CompliancePaths.IsCompliance(context.Request.Path))
            {
                await context.RequestServices.GetRequiredService<ComplianceAuditor>().RecordAsync(context, AuditActions.AccessDenied,
                    missing?.Scope ?? ApiKeyScope.None, new JsonObject { ["method"] = context.Request.Method, ["path"] = context.Request.Path.Value },
                    context.RequestAborted, AuditResult.Denied).ConfigureAwait(false);
            }

            await Results.Problem(detail: detail, statusCode: StatusCodes.Status403Forbidden, title: "Forbidden")
                .ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        await _default.HandleAsync(next, context, policy, authorizeResult).ConfigureAwait(false);
    }
}
