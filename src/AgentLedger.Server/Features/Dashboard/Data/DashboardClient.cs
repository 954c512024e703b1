namespace AgentLedger.Server.Features.Dashboard.Data;

/// <summary>
/// The browser's address and user agent, taken from the request that loaded the dashboard. A page's work runs on its
/// circuit, not in a request, so this is what audit events of dashboard reads record as their request metadata.
/// </summary>
public sealed record DashboardClient(string? Ip, string? UserAgent)
{
    public static readonly DashboardClient Unknown = new(null, null);
}
