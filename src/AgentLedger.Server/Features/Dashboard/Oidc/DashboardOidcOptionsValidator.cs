using AgentLedger.Core.Keys;
using Microsoft.Extensions.Options;

namespace AgentLedger.Server.Features.Dashboard.Oidc;

/// <summary>Checks <see cref="DashboardOidcOptions"/> at start when OpenID Connect is configured, naming each wrong key.</summary>
internal sealed class DashboardOidcOptionsValidator : IValidateOptions<DashboardOidcOptions>
{
    public ValidateOptionsResult Validate(string? name, DashboardOidcOptions options)
    {
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        const string Section = DashboardOidcOptions.SectionName;
        var errors = new List<string>();
        if (!Uri.TryCreate(options.Authority, UriKind.Absolute, out var authority) || authority.Scheme is not ("https" or "http"))
        {
            errors.Add($"{Section}:Authority is '{options.Authority}'; it must be the provider's absolute https URL.");
        }
        else if (authority.Scheme == "http" && options.RequireHttpsMetadata)
        {
            errors.Add($"{Section}:Authority must use https (set {Section}:RequireHttpsMetadata=false only for a provider on loopback in tests).");
        }

        if (string.IsNullOrWhiteSpace(options.ClientId))
        {
            errors.Add($"{Section}:ClientId is required when {Section}:Authority is set.");
        }

        if (!WorkspaceIds.IsValid(options.WorkspaceId))
        {
            errors.Add($"{Section}:WorkspaceId is '{options.WorkspaceId}'; it must name the workspace people signing in see ({WorkspaceIds.Rule}).");
        }

        if (string.IsNullOrWhiteSpace(options.RoleClaim))
        {
            errors.Add($"{Section}:RoleClaim is required (e.g. groups or roles).");
        }

        if (options.Roles.Admin.Count + options.Roles.AnalyticsViewer.Count + options.Roles.ComplianceAuditor.Count == 0)
        {
            errors.Add($"{Section}:Roles needs at least one claim value under Admin, AnalyticsViewer or ComplianceAuditor; without one nobody could sign in.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
