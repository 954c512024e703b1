using AgentLedger.Server.Auth;
using AgentLedger.Server.Features.Dashboard.Accounts;
using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLedger.Server.Tests.Security;

/// <summary>One method of one mapped route, with what it declares about access.</summary>
public sealed record CatalogRoute(string Method, RouteEndpoint Endpoint, RouteAccess Access, bool IsGrpc, bool ChecksOwnWorkspace)
{
    public string Pattern => "/" + (Endpoint.RoutePattern.RawText ?? "").TrimStart('/');

    public bool HasWorkspaceParameter => Endpoint.RoutePattern.GetParameter("workspace_id") is not null;

    public bool IsApiPath => Pattern.StartsWith("/api/", StringComparison.Ordinal) || Pattern.StartsWith("/v1/", StringComparison.Ordinal);

    public override string ToString() => $"{Method} {Pattern}";
}

/// <summary>
/// Every route the server maps, read from its <see cref="EndpointDataSource"/> (the same source routing uses), so
/// that a route added by any feature is in the matrix without being listed anywhere.
/// </summary>
public static class RouteCatalog
{
    public static async Task<IReadOnlyList<CatalogRoute>> ReadAsync(IServiceProvider services)
    {
        var policies = services.GetRequiredService<IAuthorizationPolicyProvider>();
        var routes = new List<CatalogRoute>();
        foreach (var endpoint in services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            // An endpoint without method metadata (health checks) answers every method; GET stands for them all.
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            foreach (var method in methods)
            {
                var access = await DeclarationOfAsync(endpoint, method, policies);
                routes.Add(new CatalogRoute(method, endpoint, access,
                    endpoint.Metadata.GetMetadata<GrpcMethodMetadata>() is not null,
                    endpoint.Metadata.GetMetadata<OwnWorkspaceRoute>() is not null));
            }
        }

        return routes;
    }

    private static async Task<RouteAccess> DeclarationOfAsync(RouteEndpoint endpoint, string method, IAuthorizationPolicyProvider policies)
    {
        var metadata = endpoint.Metadata;
        var inHandler = metadata.GetMetadata<ScopeCheckedInHandler>();
        var policy = await AuthorizationPolicy.CombineAsync(policies,
            metadata.GetOrderedMetadata<IAuthorizeData>(), metadata.GetOrderedMetadata<AuthorizationPolicy>());
        var anonymousReason = AnonymousRoutes.ReasonFor(endpoint, method);
        if (AnonymousRoutes.IsGrpcUnimplemented(endpoint))
        {
            return new RouteAccess.Anonymous(anonymousReason!);
        }

        if (metadata.GetMetadata<IAllowAnonymous>() is not null || (policy is null && inHandler is null))
        {
            return anonymousReason is null
                ? new RouteAccess.Undeclared(metadata.GetMetadata<IAllowAnonymous>() is not null
                    ? "it allows anonymous callers but is not in AnonymousRoutes"
                    : "it declares no access: add .RequireScope(scope) (or .ChecksScopeInHandler(scope) when the handler checks the key), or list it in AnonymousRoutes with its reason")
                : new RouteAccess.Anonymous(anonymousReason);
        }

        if (inHandler is not null)
        {
            return policy is null
                ? new RouteAccess.Scoped(inHandler.Scope, AcceptsDashboardCookie: false)
                : new RouteAccess.Undeclared("it declares both a policy and ChecksScopeInHandler");
        }

        var scopes = policy!.Requirements.OfType<ScopeRequirement>().Select(r => r.Scope).ToList();
        var unknown = policy.Requirements.Where(r => r is not ScopeRequirement and not Microsoft.AspNetCore.Authorization.Infrastructure.DenyAnonymousAuthorizationRequirement).ToList();
        if (unknown.Count > 0 || scopes.Count > 1)
        {
            return new RouteAccess.Undeclared($"its policy has requirements the matrix does not know: {string.Join(", ", unknown.Select(r => r.GetType().Name))}");
        }

        var scope = scopes.Count == 1 ? scopes[0] : AgentLedger.Core.Keys.ApiKeyScope.None;
        var schemes = policy.AuthenticationSchemes;
        if (schemes.Count == 1 && schemes[0] == DashboardAuthentication.Scheme)
        {
            return new RouteAccess.DashboardPage(scope);
        }

        // No scheme named: the default (the API key when one is sent, the dashboard cookie otherwise).
        var cookie = schemes.Count == 0 || schemes.Contains(DashboardAuthentication.Scheme);
        if (schemes.Count > 0 && !schemes.Contains(ApiKeyClaims.Scheme))
        {
            return new RouteAccess.Undeclared($"its policy names schemes the matrix does not know: {string.Join(", ", schemes)}");
        }

        return new RouteAccess.Scoped(scope, cookie);
    }
}
