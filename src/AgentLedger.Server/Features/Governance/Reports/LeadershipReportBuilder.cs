using AgentLedger.Core.Analytics;
using AgentLedger.Core.Governance;
using AgentLedger.Server.Features.Governance.Privacy;

namespace AgentLedger.Server.Features.Governance.Reports;

/// <summary>
/// Builds the leadership report from the rollups: one read of usage cells over the trend weeks and both periods, one
/// read of code-review cells per period. Rollups are hourly, so local weeks and months in any whole-hour zone are exact;
/// in UTC the reads come from the daily rollup. The workspace's privacy policy decides names and suppresses small teams.
/// </summary>
public sealed class LeadershipReportBuilder(IAnalyticsReader reader, AnalyticsPrivacy privacy, TimeProvider time)
{
    public const int TrendWeeks = 8;
    public const int TopTeamCount = 10;
    public const int TopUserCount = 10;

    /// <summary>The report of the week or month (<paramref name="period"/>) holding <paramref name="day"/>.</summary>
    /// <exception cref="AnalyticsQueryException">The time zone is unknown or not a whole-hour zone.</exception>
    public async Task<LeadershipReport> BuildAsync(
        string workspaceId, ReportSchedule period, DateOnly day, string timeZone, CancellationToken cancellationToken)
    {
        var calendar = BucketCalendar.Create(timeZone, AnalyticsBucket.Week);
        var (from, to, previousFrom) = Bounds(period, day, calendar);
        var trendFrom = calendar.BucketStartOf(to - 1);
        for (var i = 1; i < TrendWeeks; i++)
        {
            trendFrom = calendar.BucketStartOf(trendFrom - 1);
        }

        var readFrom = Math.Min(trendFrom, previousFrom);
        var policy = await privacy.ForWorkspaceAsync(workspaceId, cancellationToken).ConfigureAwait(false);
        var usage = await reader.ReadCellsAsync(new AnalyticsScope(workspaceId, AnalyticsFilter.None, AnalyticsActivity.Any), readFrom, to, null, null, cancellationToken)
            .ConfigureAwait(false);
        var current = new ReportCellTotals();
        var previous = new ReportCellTotals();
        var weeks = new SortedDictionary<long, ReportCellTotals>();
        foreach (var cell in usage)
        {
            if (cell.HourStart >= from)
            {
                current.Add(cell);
            }
            else if (cell.HourStart >= previousFrom)
            {
                previous.Add(cell);
            }

            if (cell.HourStart >= trendFrom)
            {
                var week = calendar.BucketStartOf(cell.HourStart);
                if (!weeks.TryGetValue(week, out var totals))
                {
                    totals = new ReportCellTotals();
                    weeks.Add(week, totals);
                }

                totals.Add(cell);
            }
        }

        var reviewScope = new AnalyticsScope(workspaceId, AnalyticsFilter.None, AnalyticsActivity.CodeReview);
        var reviews = await ReadReviewsAsync(reviewScope, from, to, cancellationToken).ConfigureAwait(false);
        var previousReviews = await ReadReviewsAsync(reviewScope, previousFrom, from, cancellationToken).ConfigureAwait(false);

        var surfaces = current.SurfaceUsers.Keys.Union(previous.SurfaceUsers.Keys)
            .Select(s => new ReportSurface(s, current.SurfaceUsers.GetValueOrDefault(s)?.Count ?? 0, previous.SurfaceUsers.GetValueOrDefault(s)?.Count ?? 0))
            .OrderByDescending(s => s.ActiveUsers).ThenBy(s => s.Surface, StringComparer.Ordinal).ToList();
        var trend = new List<ReportWeek>();
        for (var week = trendFrom; week < to; week = calendar.NextBucketStart(week))
        {
            var totals = weeks.GetValueOrDefault(week) ?? new ReportCellTotals();
            trend.Add(new ReportWeek(calendar.ToLocal(week), totals.Users.Count, totals.Totals.Credits, totals.Totals.CostUsd,
                totals.SurfaceUsers.ToDictionary(p => p.Key, p => p.Value.Count, StringComparer.Ordinal)));
        }

        var teams = current.Teams.Where(t => policy.ShowsTeam(t.Value.Users.Count))
            .Select(t => new ReportTeam(t.Key, t.Value.Users.Count, t.Value.Measures.Credits, t.Value.Measures.CostUsd,
                previous.Teams.TryGetValue(t.Key, out var before) && policy.ShowsTeam(before.Users.Count) ? before.Measures.Credits : 0))
            .OrderByDescending(t => t.Credits).ThenBy(t => t.Team, StringComparer.Ordinal).Take(TopTeamCount).ToList();
        var suppressed = current.Teams.Count(t => !policy.ShowsTeam(t.Value.Users.Count));
        var models = current.Models.Keys.Union(previous.Models.Keys)
            .Select(m => new ReportModel(m, current.Models.GetValueOrDefault(m)?.Credits ?? 0, current.Models.GetValueOrDefault(m)?.CostUsd ?? 0,
                previous.Models.GetValueOrDefault(m)?.Credits ?? 0))
            .Where(m => m.Credits != 0 || m.CostUsd != 0 || m.PreviousCredits != 0)
            .OrderByDescending(m => m.Credits).ThenBy(m => m.Model, StringComparer.Ordinal).ToList();
        IReadOnlyList<ReportUser>? topUsers = null;
        if (policy.Settings.ReportShowNames)
        {
            var top = current.PerUser.OrderByDescending(u => u.Value.Credits).ThenBy(u => u.Key, StringComparer.Ordinal).Take(TopUserCount).ToList();
            var emails = policy.Pseudonymise
                ? PrivacyPolicy.NoEmails
                : await reader.ReadUserEmailsAsync(workspaceId, top.Select(u => u.Key).ToList(), cancellationToken).ConfigureAwait(false);
            topUsers = top.Select(u => new ReportUser(policy.Email(emails.GetValueOrDefault(u.Key)) ?? policy.UserId(u.Key), u.Value.Credits, u.Value.Turns))
                .ToList();
        }

        return new LeadershipReport(
            workspaceId, period == ReportSchedule.Monthly ? "month" : "week", calendar.ZoneId, calendar.ToLocal(from), calendar.ToLocal(to),
            calendar.ToLocal(previousFrom), current.ToTotals(), previous.ToTotals(), surfaces, trend, teams, suppressed,
            policy.Settings.SuppressesTeams ? policy.Settings.MinGroupSize : 0, models, reviews, previousReviews, topUsers, policy.Pseudonymise,
            time.GetUtcNow());
    }

    /// <summary>[from, to) of the week or month holding <paramref name="day"/>, and the start of the period before.</summary>
    public static (long From, long To, long PreviousFrom) Bounds(ReportSchedule period, DateOnly day, BucketCalendar calendar)
    {
        if (period == ReportSchedule.Monthly)
        {
            var first = new DateOnly(day.Year, day.Month, 1);
            return (calendar.LocalDayStart(first), calendar.LocalDayStart(first.AddMonths(1)), calendar.LocalDayStart(first.AddMonths(-1)));
        }

        var monday = day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
        return (calendar.LocalDayStart(monday), calendar.LocalDayStart(monday.AddDays(7)), calendar.LocalDayStart(monday.AddDays(-7)));
    }

    private async Task<ReportReviews> ReadReviewsAsync(AnalyticsScope scope, long from, long to, CancellationToken cancellationToken)
    {
        var totals = new ReportCellTotals();
        foreach (var cell in await reader.ReadCellsAsync(scope, from, to, null, null, cancellationToken).ConfigureAwait(false))
        {
            totals.Add(cell);
        }

        return totals.ToReviews();
    }
}
