using AgentLedger.Core.Metrics;

namespace AgentLedger.Core.Analytics;

/// <summary>
/// The daily (UTC) rollup: the hourly grain with the hour replaced by its UTC day. Storage keeps it beside the hourly
/// rollup, in the same transaction, so that whole-UTC-day reads (the Codex API's days, UTC day and week buckets) touch
/// one row per user, team, client and model and day instead of one per hour. Buckets in other zones read the hours.
/// </summary>
public static class DailyRollup
{
    public const long DaySeconds = 86_400;

    /// <summary>Whether [<paramref name="from"/>, <paramref name="to"/>) is whole UTC days, so the daily rollup answers it exactly.</summary>
    public static bool Covers(long from, long to) => from % DaySeconds == 0 && to % DaySeconds == 0 && to > from;

    /// <summary>The commit's hourly deltas summed per UTC day; keys are distinct, so each is upserted once.</summary>
    public static IReadOnlyList<KeyValuePair<(string WorkspaceId, UsageRollupKey Key), UsageMeasures>> Of(UsageRollupAccumulator hourly)
    {
        var days = new Dictionary<(string, UsageRollupKey), UsageMeasures>();
        foreach (var ((workspaceId, key), measures) in hourly.Rows)
        {
            var utc = key.HourStart.UtcDateTime;
            var dayKey = key with { HourStart = new DateTimeOffset(utc.Year, utc.Month, utc.Day, 0, 0, 0, TimeSpan.Zero) };
            if (!days.TryGetValue((workspaceId, dayKey), out var sum))
            {
                sum = new UsageMeasures();
                days.Add((workspaceId, dayKey), sum);
            }

            sum.Add(measures);
        }

        return days.ToList();
    }
}
