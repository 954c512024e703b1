using System.Globalization;
using AgentLedger.Core.Analytics;

namespace AgentLedger.Server.Features.Analytics.Native;

/// <summary>What a row mapper needs besides the row: the calendar for display, the grouping and user e-mails.</summary>
public sealed record SeriesRowContext(AnalyticsQuery Query, IReadOnlyDictionary<string, string> Emails)
{
    public string Time(long unixSeconds) =>
        Query.Calendar.ToLocal(unixSeconds).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    public string Group(AnalyticsSeriesRow row) => Query.GroupBy == AnalyticsGroupBy.Workspace ? Query.Scope.WorkspaceId : row.GroupKey;

    public string? Email(AnalyticsSeriesRow row) => Query.GroupBy == AnalyticsGroupBy.User ? Emails.GetValueOrDefault(row.GroupKey) : null;
}
