using System.Security.Claims;

namespace AgentLedger.Server.Features.Compliance.Audit;

/// <summary>
/// Who asks, and from where: the authenticated principal (an API key, or a dashboard account) and the client's address
/// and user agent. An HTTP request gives all three; a dashboard page, whose work runs on its circuit rather than in a
/// request, keeps them from the request that opened the page.
/// </summary>
public sealed record AuditCaller(ClaimsPrincipal User, string? ClientIp, string? UserAgent)
{
    public const int MaxUserAgentLength = 512;

    public static AuditCaller From(HttpContext http) =>
        new(http.User, http.Connection.RemoteIpAddress?.ToString(), UserAgentOf(http.Request.Headers.UserAgent.ToString()));

    public static string? UserAgentOf(string? value) =>
        string.IsNullOrEmpty(value) ? null : value.Length > MaxUserAgentLength ? value[..MaxUserAgentLength] : value;
}
