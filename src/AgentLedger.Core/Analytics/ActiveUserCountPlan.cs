namespace AgentLedger.Core.Analytics;

/// <summary>
/// How <see cref="IAnalyticsReader.CountActiveUsersAsync"/> answers each period, the same on every engine: from the
/// users' last active days (migration 0013) when that is exact, else from the membership rows of
/// <c>active_user_days</c> when they apply, else from the per-user rollups. The engines supply the reads.
/// </summary>
public static class ActiveUserCountPlan
{
    /// <summary>
    /// How many (user, day) membership lookups a count may spend on the users whose last day is at or after the window's
    /// end (records dated in the future, from a skewed clock; or, for an earlier window, users active since): up to
    /// this, each such user's days in the window are looked up one by one; past it, the window's membership rows are
    /// counted instead. A lookup is a key seek (warm: ≈ 5 µs on SQLite at 50 million records, ≈ 7 µs on PostgreSQL at
    /// 10 million), so the budget is ≈ 20–30 ms at most: 136 such users for a 30-day window, 11 for a year.
    /// </summary>
    public const int LateUserLookupBudget = 4_096;

    /// <param name="readLastDays">
    /// For the scope's one (dimension, value) and each window start: the latest last day of that value (null: none),
    /// and the users whose last day is on or after each start; in one statement, so that both see one snapshot.
    /// </param>
    /// <param name="countWithLateUsers">
    /// For the scope's one (dimension, value), one window end and each window start, in one statement: the users whose
    /// last day is in [start, end), plus the users whose last day is at or after the end and who have a membership row
    /// in [start, end); null when more than the given number of users have a last day at or after the end.
    /// </param>
    /// <param name="fromMembership">The distinct users of a period from the membership rows, or null when they do not apply.</param>
    /// <param name="fromPerUserRollups">The distinct users of a period from the per-user rollups (always exact).</param>
    public static async Task<IReadOnlyList<int>> CountAsync(
        AnalyticsScope scope, IReadOnlyList<(long FromHour, long ToHour)> periods, bool useUserFreeRollups,
        Func<(string Dimension, string Value), List<long>, Task<(long? Latest, int[] Counts)>> readLastDays,
        Func<(string Dimension, string Value), long, List<long>, int, Task<int[]?>> countWithLateUsers,
        Func<long, long, Task<int?>> fromMembership,
        Func<long, long, Task<int>> fromPerUserRollups)
    {
        ArgumentNullException.ThrowIfNull(periods);
        ArgumentNullException.ThrowIfNull(readLastDays);
        ArgumentNullException.ThrowIfNull(countWithLateUsers);
        ArgumentNullException.ThrowIfNull(fromMembership);
        ArgumentNullException.ThrowIfNull(fromPerUserRollups);
        var member = useUserFreeRollups ? DailyGroupRollup.LastDayMember(scope) : null;
        var covered = member is null ? [] : Enumerable.Range(0, periods.Count).Where(i => DailyRollup.Covers(periods[i].FromHour, periods[i].ToHour)).ToList();
        var (latest, fromLastDays) = covered.Count > 0
            ? await readLastDays(member!.Value, covered.Select(i => periods[i].FromHour).ToList()).ConfigureAwait(false)
            : (null, []);
        var exact = new int?[periods.Count];
        for (var at = 0; at < covered.Count; at++)
        {
            // With no last day at or after the window's end, a user active in the window is exactly a user whose last
            // day is on or after its first day.
            if (latest is null || latest < periods[covered[at]].ToHour)
            {
                exact[covered[at]] = fromLastDays[at];
            }
        }

        // A last day at or after a window's end (a record dated in the future) hides whether that user was also active
        // inside the window: those few users' days in the window are looked up, per window end, in one statement for the
        // windows sharing that end. When the longest of them is over budget, it is left to the membership rows and the
        // shorter ones are tried again, since each allows more late users.
        foreach (var late in covered.Where(i => exact[i] is null).GroupBy(i => periods[i].ToHour))
        {
            var to = late.Key;
            var windows = late.OrderByDescending(i => periods[i].FromHour).ToList();
            while (windows.Count > 0)
            {
                var days = (to - periods[windows[^1]].FromHour) / DailyRollup.DaySeconds;
                var maxLateUsers = (int)(LateUserLookupBudget / days);
                if (maxLateUsers > 0
                    && await countWithLateUsers(member!.Value, to, windows.Select(i => periods[i].FromHour).ToList(), maxLateUsers).ConfigureAwait(false) is { } counted)
                {
                    foreach (var (i, count) in windows.Zip(counted))
                    {
                        exact[i] = count;
                    }

                    break;
                }

                windows.RemoveAt(windows.Count - 1);
            }
        }

        var counts = new int[periods.Count];
        for (var i = 0; i < periods.Count; i++)
        {
            var (from, to) = periods[i];
            if (exact[i] is { } count)
            {
                counts[i] = count;
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
