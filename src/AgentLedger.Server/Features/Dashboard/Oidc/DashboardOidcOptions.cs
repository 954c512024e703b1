namespace AgentLedger.Server.Features.Dashboard.Oidc;

/// <summary>
/// Optional OpenID Connect sign-in to the dashboard (<c>Dashboard:Oidc</c>). Off unless <see cref="Authority"/> is set;
/// local accounts keep working either way. A person's role comes from one claim of the provider's ID token
/// (<see cref="RoleClaim"/>), whose values are mapped onto the three roles by <see cref="Roles"/>.
/// </summary>
public sealed class DashboardOidcOptions
{
    public const string SectionName = "Dashboard:Oidc";

    /// <summary>The provider's issuer URL; its <c>/.well-known/openid-configuration</c> is read at first use.</summary>
    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    /// <summary>From the environment (<c>Dashboard__Oidc__ClientSecret</c>), never a file in the repository.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Shown on the sign-in page as "Sign in with …".</summary>
    public string DisplayName { get; set; } = "single sign-on";

    /// <summary>The workspace that people signing in through the provider see.</summary>
    public string? WorkspaceId { get; set; }

    /// <summary>The ID token claim holding the person's groups or roles (an array or a single value).</summary>
    public string RoleClaim { get; set; } = "groups";

    /// <summary>Which claim values grant which role. Someone matching several gets the most privileged one.</summary>
    public DashboardOidcRoleMapping Roles { get; set; } = new();

    /// <summary>Scopes asked for besides <c>openid</c>.</summary>
    public List<string> Scopes { get; set; } = ["profile", "email"];

    /// <summary>Only for a provider on loopback during tests: production providers are served over HTTPS.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority);
}

/// <summary>Claim values (e.g. group names or ids) per dashboard role.</summary>
public sealed class DashboardOidcRoleMapping
{
    public List<string> Admin { get; set; } = [];

    public List<string> AnalyticsViewer { get; set; } = [];

    public List<string> ComplianceAuditor { get; set; } = [];
}
