using AgentLedger.Server.Features.Dashboard.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace AgentLedger.Server.Features.Dashboard.Oidc;

/// <summary>
/// Registers OpenID Connect sign-in when <c>Dashboard:Oidc:Authority</c> is set: authorization code flow with PKCE, the ID
/// token checked against the provider's discovery document and keys, its role claim mapped by
/// <see cref="DashboardOidcPrincipal"/>, and the session kept in the dashboard's own cookie (no provider tokens stored).
/// </summary>
public static partial class DashboardOidc
{
    public const string Scheme = "Oidc";
    public const string CallbackPath = "/signin-oidc";
    public const string StartPath = "/login/oidc";
    public const string DonePath = "/login/oidc/done";

    /// <summary>The sign-in page's <c>?oidc=</c> values after a refusal.</summary>
    public const string NoRoleError = "no-role";
    public const string FailedError = "failed";

    private const string NoRoleFailure = "The identity provider's token maps to no AgentLedger role.";

    public static IServiceCollection AddDashboardOidc(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(DashboardOidcOptions.SectionName);
        services.AddOptions<DashboardOidcOptions>().Bind(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DashboardOidcOptions>, DashboardOidcOptionsValidator>();
        var settings = section.Get<DashboardOidcOptions>() ?? new DashboardOidcOptions();
        if (!settings.Enabled)
        {
            return services;
        }

        services.AddAuthentication().AddOpenIdConnect(Scheme, settings.DisplayName, options =>
        {
            options.Authority = settings.Authority;
            options.ClientId = settings.ClientId;
            options.ClientSecret = settings.ClientSecret;
            options.RequireHttpsMetadata = settings.RequireHttpsMetadata;
            options.ResponseType = OpenIdConnectResponseType.Code;
            options.UsePkce = true;
            // A top-level GET back to us: the correlation and nonce cookies can then be SameSite=Lax and need no HTTPS-only
            // SameSite=None (form_post would).
            options.ResponseMode = OpenIdConnectResponseMode.Query;
            options.CorrelationCookie.SameSite = SameSiteMode.Lax;
            options.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.NonceCookie.SameSite = SameSiteMode.Lax;
            options.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.CallbackPath = CallbackPath;
            options.SignInScheme = DashboardAuthentication.Scheme;
            options.SaveTokens = false;
            options.MapInboundClaims = false;
            options.GetClaimsFromUserInfoEndpoint = false;
            options.Scope.Clear();
            options.Scope.Add("openid");
            foreach (var scope in settings.Scopes)
            {
                options.Scope.Add(scope);
            }

            options.Events.OnTokenValidated = OnTokenValidatedAsync;
            options.Events.OnRemoteFailure = OnRemoteFailureAsync;
        });
        return services;
    }

    /// <summary>
    /// <c>GET /login/oidc</c> starts the sign-in (404 when OpenID Connect is off); <c>/login/oidc/done</c> is where the
    /// provider's redirect chain ends, see <see cref="DonePage"/>.
    /// </summary>
    public static IEndpointRouteBuilder MapDashboardOidc(this IEndpointRouteBuilder routes)
    {
        routes.MapGet(StartPath, (IOptions<DashboardOidcOptions> options) => options.Value.Enabled
                ? Results.Challenge(new AuthenticationProperties { RedirectUri = DonePath }, [Scheme])
                : Results.Problem(detail: "OpenID Connect sign-in is not configured (Dashboard:Oidc:Authority).", statusCode: StatusCodes.Status404NotFound))
            .AllowAnonymous().ExcludeFromDescription();
        routes.MapGet(DonePath, () => Results.Content(DonePage, "text/html; charset=utf-8")).AllowAnonymous().ExcludeFromDescription();
        return routes;
    }

    /// <summary>
    /// The session cookie is SameSite=Strict, so a browser does not send it on the redirects that follow a cross-site
    /// navigation (the provider's redirect to us). This page continues with a navigation of our own origin (a meta refresh;
    /// the Content-Security-Policy allows no inline script), on which the cookie is sent.
    /// </summary>
    private const string DonePage = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=/"><title>Signing in · AgentLedger</title></head>
        <body><p><a href="/">Continue to the dashboard</a></p></body></html>
        """;

    private static Task OnTokenValidatedAsync(TokenValidatedContext context)
    {
        var options = context.HttpContext.RequestServices.GetRequiredService<IOptions<DashboardOidcOptions>>().Value;
        var logger = context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DashboardOidc));
        var principal = context.Principal is null ? null : DashboardOidcPrincipal.From(context.Principal, options);
        if (principal is null)
        {
            LogNoRole(logger, options.RoleClaim);
            context.Fail(NoRoleFailure);
            return Task.CompletedTask;
        }

        LogSignedIn(logger, principal.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)!.Value,
            principal.FindFirst(DashboardAuthentication.RoleClaim)!.Value);
        context.Principal = principal;
        return Task.CompletedTask;
    }

    private static Task OnRemoteFailureAsync(RemoteFailureContext context)
    {
        var noRole = context.Failure?.Message == NoRoleFailure;
        if (!noRole)
        {
            var logger = context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DashboardOidc));
            LogFailed(logger, context.Failure?.GetType().Name ?? "unknown", context.Failure?.Message ?? "");
        }

        context.Response.Redirect("/login?oidc=" + (noRole ? NoRoleError : FailedError));
        context.HandleResponse();
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Dashboard sign-in of {AccountId} through OpenID Connect with role {Role}")]
    private static partial void LogSignedIn(ILogger logger, string accountId, string role);

    [LoggerMessage(Level = LogLevel.Warning, Message = "OpenID Connect sign-in refused: no value of the '{RoleClaim}' claim maps to a role")]
    private static partial void LogNoRole(ILogger logger, string roleClaim);

    [LoggerMessage(Level = LogLevel.Warning, Message = "OpenID Connect sign-in failed ({Kind}): {Reason}")]
    private static partial void LogFailed(ILogger logger, string kind, string reason);
}
