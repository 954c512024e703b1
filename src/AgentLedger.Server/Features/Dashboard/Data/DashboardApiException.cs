namespace AgentLedger.Server.Features.Dashboard.Data;

/// <summary>An analytics API call made for a chart did not answer 200; the chart shows what failed.</summary>
public sealed class DashboardApiException(string endpoint, int status, string detail)
    : Exception($"The analytics API '{endpoint}' answered {status}: {detail}")
{
    public string Endpoint { get; } = endpoint;

    public int Status { get; } = status;
}
