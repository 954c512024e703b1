namespace AgentLedger.Server.Features.Dashboard.Data;

/// <summary>What a chart card shows: its series, the API calls they came from (its exports) and whether a page was cut.</summary>
public sealed record ChartData(IReadOnlyList<ChartSeries> Series, IReadOnlyList<ApiCall> Calls, bool HasMore)
{
    public bool IsEmpty => Series.Count == 0 || Series.All(s => s.Points.Count == 0 || s.Total == 0);
}
