namespace AgentLedger.Core.Analytics;

/// <summary>
/// How <see cref="IAnalyticsReader.CountActiveUsersAsync"/> answers each period, the same on every engine: from the
/// users' last active days (migration 0013) when that is exact, else from the membership rows of
/// <c>active_user_days</c> when they apply, else from the per-user rollups. The engines supply the three reads.
/// </summary>
public static class ActiveUserCountPlan
{
    /// <param name="readLastDays">
    /// For the scope's one (dimension, value) and each window start: the latest last day of that value (null: none),
    /// and the users whose last day is on or after each start; in one statement, so that both see one snapshot.
    /// </param>
    /// <param name="fromMembership">The distinct users of a period from the membership rows, or null when they do not apply.</param>
    /// <param name="fromPerUserRollups">The distinct users of a period from the per-user rollups (always exact).</param>
    public static async Task<IReadOnlyList<int>> CountAsync(
        AnalyticsScope scope, IReadOnlyList<(long FromHour, long ToHour)> periods, bool useUserFreeRollups,
        Func<(string Dimension, string Value), List<long>, Task<(long? Latest, int[] Counts)>> readLastDays,
        Func<long, long, Task<int?>> fromMembership,
        Func<long, long, Task<int>> fromPerUserRollups)
    {
        ArgumentNullException.ThrowIfNull(periods);
        ArgumentNullException.ThrowIfNull(readLastDays);
        ArgumentNullException.ThrowIfNull(fromMembership);
        ArgumentNullException.ThrowIfNull(fromPerUserRollups);
        var member = useUserFreeRollups ? DailyGroupRollup.LastDayMember(scope) : null;
        var covered = member is null ? [] : Enumerable.Range(0, periods.Count).Where(i => DailyRollup.Covers(periods[i].FromHour, periods[i].ToHour)).ToList();
        var (latest, fromLastDays) = covered.Count > 0
            ? await readLastDays(member!.Value, covered.Select(i => periods[i].FromHour).ToList()).ConfigureAwait(false)
            : (null, []);
        var counts = new int[periods.Count];
        for (var i = 0; i < periods.Count; i++)
        {
            var (from, to) = periods[i];
            var at = covered.IndexOf(i);
            // A last day at or after the window's end (a record dated in the future) hides whether that user was also
            // active inside the window: then the membership rows answer.
            if (at >= 0 && (latest is null || latest < to))
            {
                counts[i] = fromLastDays[at];
            }
            else if (useUserFreeRollups && await fromMembership(from, to).ConfigureAwait(false) is { } counted)
            {
                counts[i] = counted;
            }
            else
            {
                counts[i] = await fromPerUserRollups(from, to).ConfigureAwait(false);
            }
        }

        return counts;
    }
}
