using AgentLedger.Core.Keys;
using AgentLedger.Server.Auth;
using AgentLedger.Server.Features.Dashboard.Accounts;
using AgentLedger.Server.Features.Dashboard.Components;
using AgentLedger.Server.Features.Dashboard.Data;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Radzen;

namespace AgentLedger.Server.Features.Dashboard;

/// <summary>The web dashboard: Blazor server components over the native analytics API, behind local accounts.</summary>
public static class DashboardServiceCollectionExtensions
{
    public static IServiceCollection AddAgentLedgerDashboard(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddRadzenComponents();
        services.AddCascadingAuthenticationState();
        services.AddScoped<DashboardApi>();
        services.AddScoped<DashboardFilterOptions>();
        services.AddSingleton<DashboardAccountService>();
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "agentledger.antiforgery";
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        // Requests that name no scheme (the Blazor circuit's hub among them) are authenticated by the API key when one is
        // sent and by the dashboard cookie otherwise; endpoints with a policy still name their schemes explicitly.
        services.AddAuthentication(options => options.DefaultAuthenticateScheme = DashboardAuthentication.SelectorScheme)
            .AddPolicyScheme(DashboardAuthentication.SelectorScheme, "API key or dashboard sign-in", options =>
                options.ForwardDefaultSelector = context =>
                    context.Request.Headers.Authorization.Count > 0 ? ApiKeyClaims.Scheme : DashboardAuthentication.Scheme);
        services.AddAuthentication().AddCookie(DashboardAuthentication.Scheme, options =>
        {
            options.Cookie.Name = DashboardAuthentication.CookieName;
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            // Secure whenever the dashboard is served over HTTPS; the default listener is plain HTTP on loopback.
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.LoginPath = "/login";
            options.LogoutPath = "/logout";
            options.AccessDeniedPath = "/access-denied";
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = true;
            options.Events.OnRedirectToLogin = context => ApiOr(context, StatusCodes.Status401Unauthorized);
            options.Events.OnRedirectToAccessDenied = context => ApiOr(context, StatusCodes.Status403Forbidden);
        });
        services.AddAuthorizationBuilder()
            .AddPolicy(DashboardAuthentication.SignedInPolicy, policy => policy
                .AddAuthenticationSchemes(DashboardAuthentication.Scheme).RequireAuthenticatedUser())
            .AddPolicy(DashboardAuthentication.CompliancePolicy, policy => policy
                .AddAuthenticationSchemes(DashboardAuthentication.Scheme).RequireAuthenticatedUser()
                .AddRequirements(new ScopeRequirement(ApiKeyScope.ComplianceRead)))
            .AddPolicy(DashboardAuthentication.AdminPolicy, policy => policy
                .AddAuthenticationSchemes(DashboardAuthentication.Scheme).RequireAuthenticatedUser()
                .AddRequirements(new ScopeRequirement(ApiKeyScope.Admin)));
        return services;
    }

    public static WebApplication MapAgentLedgerDashboard(this WebApplication app)
    {
        app.MapStaticAssets();
        // Our CSP already forbids framing; Blazor would add a second, weaker frame-ancestors policy.
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode(options => options.ContentSecurityFrameAncestorsPolicy = "'none'");
        app.MapPost("/logout", async Task<IResult> (HttpContext context) =>
        {
            // The antiforgery middleware only records its verdict; an endpoint that binds no form must check it, or a
            // sign-out without the token (a cross-site text/plain post, a JSON body) would go through.
            if (context.Features.Get<IAntiforgeryValidationFeature>() is not { IsValid: true })
            {
                return TypedResults.Problem(detail: "Sign-out is a form post from the dashboard with its antiforgery token.", statusCode: StatusCodes.Status400BadRequest);
            }

            await context.SignOutAsync(DashboardAuthentication.Scheme).ConfigureAwait(false);
            return TypedResults.LocalRedirect("/login");
        }).RequireAuthorization(DashboardAuthentication.SignedInPolicy).WithMetadata(new RequireAntiforgeryTokenAttribute())
            .ExcludeFromDescription();
        return app;
    }

    /// <summary>API calls (exports) answer with a status; only pages redirect to sign-in.</summary>
    private static Task ApiOr(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        var path = context.Request.Path;
        if (path.StartsWithSegments("/api") || path.StartsWithSegments("/v1"))
        {
            if (!context.Response.HasStarted)
            {
                context.Response.StatusCode = status;
            }

            return Task.CompletedTask;
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
