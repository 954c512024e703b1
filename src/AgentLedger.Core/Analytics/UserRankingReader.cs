namespace AgentLedger.Core.Analytics;

/// <summary>
/// Ranks the users of a window by a metric. A ranking needs every user's totals, so its cost grows with the window
/// (in rollup rows), never with records. The <b>current streak</b> is the number of consecutive local days with any
/// record, ending on the window's last day, or on the day before when the user has not been active yet on the
/// last day (today is not over).
/// </summary>
public sealed class UserRankingReader(IAnalyticsReader reader)
{
    public async Task<IReadOnlyList<UserRanking>> RankAsync(
        AnalyticsScope scope, long from, long to, BucketCalendar calendar, UserRankingMetric metric, CancellationToken cancellationToken)
    {
        var totals = await reader.ReadUserTotalsAsync(scope, from, to, cancellationToken).ConfigureAwait(false);
        var hours = await reader.ReadActiveHoursAsync(scope, from, to, cancellationToken).ConfigureAwait(false);
        var dayOfHour = new Dictionary<long, DateOnly>();
        var days = new Dictionary<string, HashSet<DateOnly>>(StringComparer.Ordinal);
        foreach (var (user, hour) in hours)
        {
            if (!dayOfHour.TryGetValue(hour, out var day))
            {
                day = calendar.LocalDateOf(hour);
                dayOfHour.Add(hour, day);
            }

            if (!days.TryGetValue(user, out var set))
            {
                set = [];
                days.Add(user, set);
            }

            set.Add(day);
        }

        var lastDay = calendar.LocalDateOf(to - 1);
        return totals
            .Select(t =>
            {
                var active = days.GetValueOrDefault(t.UserId) ?? [];
                return new UserRanking(t.UserId, t.Measures, active.Count, Streak(active, lastDay));
            })
            .OrderByDescending(r => r.Value(metric))
            .ThenBy(r => r.UserId, StringComparer.Ordinal)
            .ToList();
    }

    public static int Streak(IReadOnlySet<DateOnly> activeDays, DateOnly lastDay)
    {
        var day = activeDays.Contains(lastDay) ? lastDay : lastDay.AddDays(-1);
        var streak = 0;
        while (activeDays.Contains(day))
        {
            streak++;
            day = day.AddDays(-1);
        }

        return streak;
    }
}
