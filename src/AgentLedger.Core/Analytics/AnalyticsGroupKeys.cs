namespace AgentLedger.Core.Analytics;

/// <summary>The group key of a rollup cell under each grouping, in wire spelling.</summary>
public static class AnalyticsGroupKeys
{
    public static string Of(AnalyticsCell cell, AnalyticsGroupBy groupBy) => groupBy switch
    {
        AnalyticsGroupBy.Workspace => "",
        AnalyticsGroupBy.User => cell.UserId,
        AnalyticsGroupBy.Team => cell.Team,
        AnalyticsGroupBy.Surface => cell.Surface,
        AnalyticsGroupBy.Client => cell.ClientId,
        AnalyticsGroupBy.Model => cell.Model,
        AnalyticsGroupBy.Agent => cell.Agent,
        AnalyticsGroupBy.Version => cell.Agent + "@" + cell.ClientVersion,
        _ => throw new ArgumentOutOfRangeException(nameof(groupBy), groupBy, null),
    };
}
