using System.Security.Claims;
using AgentLedger.Core.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace AgentLedger.Server.Features.Dashboard.Accounts;

/// <summary>
/// Ends the session of a local account that an admin has disabled: each request with the cookie looks the account up by
/// its unique e-mail (one indexed read; dashboard requests are few, and ingest never carries the cookie) and is rejected,
/// with the cookie cleared, once the account is disabled or gone. An open Blazor circuit ends when its page is left.
/// </summary>
public static class DashboardSessionValidation
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var accountId = context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        if (accountId is null || !accountId.StartsWith(DashboardAccountService.LocalAccountPrefix, StringComparison.Ordinal))
        {
            // An OpenID Connect session: the provider decided at sign-in, and the session ends with the cookie.
            return;
        }

        var account = await context.HttpContext.RequestServices.GetRequiredService<IDashboardAccountStore>()
            .FindByEmailAsync(context.Principal!.Identity?.Name ?? "", context.HttpContext.RequestAborted).ConfigureAwait(false);
        if (account is null || account.AccountId != accountId || account.DisabledAt is not null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(DashboardAuthentication.Scheme).ConfigureAwait(false);
        }
    }
}
