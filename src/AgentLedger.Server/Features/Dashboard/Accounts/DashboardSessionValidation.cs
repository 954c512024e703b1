using System.Globalization;
using System.Security.Claims;
using AgentLedger.Core.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace AgentLedger.Server.Features.Dashboard.Accounts;

/// <summary>
/// Ends the session of a local account that an admin has disabled: the cookie is checked against the stored account at
/// most once per <see cref="Interval"/> (not on every request), and rejected once the account is disabled or gone.
/// </summary>
public static class DashboardSessionValidation
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    private const string CheckedAtItem = "agentledger.checked_at";

    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var accountId = context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        if (accountId is null || !accountId.StartsWith(DashboardAccountService.LocalAccountPrefix, StringComparison.Ordinal))
        {
            // An OpenID Connect session: the provider decided at sign-in, and the session ends with the cookie.
            return;
        }

        var now = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        if (context.Properties.Items.TryGetValue(CheckedAtItem, out var checkedAt)
            && long.TryParse(checkedAt, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            && now.UtcTicks - ticks >= 0 && now.UtcTicks - ticks < Interval.Ticks)
        {
            return;
        }

        var account = await context.HttpContext.RequestServices.GetRequiredService<IDashboardAccountStore>()
            .FindByEmailAsync(context.Principal!.Identity?.Name ?? "", context.HttpContext.RequestAborted).ConfigureAwait(false);
        if (account is null || account.AccountId != accountId || account.DisabledAt is not null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(DashboardAuthentication.Scheme).ConfigureAwait(false);
            return;
        }

        context.Properties.Items[CheckedAtItem] = now.UtcTicks.ToString(CultureInfo.InvariantCulture);
        context.ShouldRenew = true;
    }
}
