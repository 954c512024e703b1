using System.Security.Claims;
using AgentLedger.Server.Auth;

namespace AgentLedger.Server.Features.Limits;

/// <summary>
/// Whose bucket a request draws from: its API key (by key id, never the secret), its dashboard account, or — without
/// valid credentials — its client address. Runs after authentication, so a key that does not verify counts as anonymous.
/// </summary>
internal static class RateLimitPartitions
{
    public static (string Name, bool Anonymous) Describe(HttpContext http)
    {
        var user = http.User;
        if (user.Identity?.IsAuthenticated == true)
        {
            if (user.GetKeyId() is { } keyId)
            {
                return ($"API key {keyId}", false);
            }

            if (user.FindFirstValue(ClaimTypes.NameIdentifier) is { } account)
            {
                return ($"dashboard account {account}", false);
            }
        }

        return ($"address {http.Connection.RemoteIpAddress}", true);
    }
}
