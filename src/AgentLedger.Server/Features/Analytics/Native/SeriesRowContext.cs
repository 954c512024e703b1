using System.Globalization;
using AgentLedger.Core.Analytics;
using AgentLedger.Server.Features.Governance.Privacy;

namespace AgentLedger.Server.Features.Analytics.Native;

/// <summary>
/// What a row mapper needs besides the row: the calendar for display, the grouping, user e-mails and the workspace's
/// privacy policy (pseudonymous user ids).
/// </summary>
public sealed record SeriesRowContext(AnalyticsQuery Query, IReadOnlyDictionary<string, string> Emails, PrivacyPolicy Privacy)
{
    public string Time(long unixSeconds) => FormatTime(Query, unixSeconds);

    /// <summary>A bucket boundary as every series shows it: RFC 3339 in the query's time zone.</summary>
    public static string FormatTime(AnalyticsQuery query, long unixSeconds) =>
        query.Calendar.ToLocal(unixSeconds).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    public string Group(AnalyticsSeriesRow row) => Query.GroupBy switch
    {
        AnalyticsGroupBy.Workspace => Query.Scope.WorkspaceId,
        AnalyticsGroupBy.User => Privacy.UserId(row.GroupKey),
        _ => row.GroupKey,
    };

    public string? Email(AnalyticsSeriesRow row) => Query.GroupBy == AnalyticsGroupBy.User ? Privacy.Email(Emails.GetValueOrDefault(row.GroupKey)) : null;
}
