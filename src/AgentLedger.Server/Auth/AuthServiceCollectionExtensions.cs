using AgentLedger.Core.Keys;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;

namespace AgentLedger.Server.Auth;

public static class AuthServiceCollectionExtensions
{
    /// <summary>The dashboard's cookie scheme (Features/Dashboard), registered when the web host adds the dashboard.</summary>
    public const string DashboardCookieScheme = "Dashboard";

    public static IServiceCollection AddAgentLedgerAuth(this IServiceCollection services)
    {
        services.AddAuthentication(ApiKeyClaims.Scheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyClaims.Scheme, null);
        services.AddAuthorization(options =>
        {
            foreach (var scope in Enum.GetValues<ApiKeyScope>().Where(s => s != ApiKeyScope.None))
            {
                // Analytics reads also accept a dashboard sign-in, so that a page's export link is the API call itself.
                // Only reads: a cookie never authorizes ingest, compliance or admin endpoints.
                string[] schemes = scope == ApiKeyScope.AnalyticsRead ? [ApiKeyClaims.Scheme, DashboardCookieScheme] : [ApiKeyClaims.Scheme];
                options.AddPolicy(PolicyName(scope), policy => policy
                    .AddAuthenticationSchemes(schemes)
                    .RequireAuthenticatedUser()
                    .AddRequirements(new ScopeRequirement(scope)));
            }
        });
        services.AddSingleton<ApiKeyUsageRecorder>();
        services.AddHostedService(sp => sp.GetRequiredService<ApiKeyUsageRecorder>());
        services.AddSingleton<IAuthorizationHandler, ScopeAuthorizationHandler>();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, ProblemAuthorizationResultHandler>();
        return services;
    }

    /// <summary>The endpoint needs an API key with <paramref name="scope"/>.</summary>
    public static TBuilder RequireScope<TBuilder>(this TBuilder builder, ApiKeyScope scope)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(PolicyName(scope));

    /// <summary>The route's <c>{workspace_id}</c> must be the key's own workspace (404 otherwise).</summary>
    public static RouteGroupBuilder RequireOwnWorkspace(this RouteGroupBuilder group) =>
        group.AddEndpointFilter<WorkspaceRouteFilter>().WithMetadata(new OwnWorkspaceRoute());

    /// <summary>The handler itself checks the API key for <paramref name="scope"/> (see <see cref="ScopeCheckedInHandler"/>).</summary>
    public static TBuilder ChecksScopeInHandler<TBuilder>(this TBuilder builder, ApiKeyScope scope)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ScopeCheckedInHandler(scope));

    private static string PolicyName(ApiKeyScope scope) => "scope:" + ApiKeyScopes.Format(scope);
}
