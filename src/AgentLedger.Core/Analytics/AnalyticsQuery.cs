using System.Globalization;

namespace AgentLedger.Core.Analytics;

/// <summary>
/// One time-series query, resolved: the window [<see cref="From"/>, <see cref="To"/>) in Unix seconds is already widened
/// to whole buckets of <see cref="Calendar"/>. <see cref="Dataset"/> names the endpoint, so that a cursor of one
/// endpoint is refused by another.
/// </summary>
public sealed record AnalyticsQuery(
    string Dataset,
    AnalyticsScope Scope,
    long From,
    long To,
    BucketCalendar Calendar,
    AnalyticsGroupBy GroupBy,
    int Limit)
{
    /// <summary>Everything that decides which rows exist and in what order; a cursor is valid only for the same fingerprint.</summary>
    public string Fingerprint() =>
        string.Join('|',
            Dataset,
            Scope.WorkspaceId,
            From.ToString(CultureInfo.InvariantCulture),
            To.ToString(CultureInfo.InvariantCulture),
            Calendar.Bucket,
            Calendar.ZoneId,
            GroupBy,
            Scope.Activity,
            Scope.Filter.Canonical());
}
