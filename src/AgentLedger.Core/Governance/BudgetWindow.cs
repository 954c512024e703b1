using AgentLedger.Core.Analytics;

namespace AgentLedger.Core.Governance;

/// <summary>One period of a budget: [<see cref="Start"/>, <see cref="End"/>), in Unix seconds.</summary>
public sealed record BudgetWindow(long Start, long End)
{
    public DateTimeOffset StartTime => DateTimeOffset.FromUnixTimeSeconds(Start);

    /// <summary>When the budget resets.</summary>
    public DateTimeOffset EndTime => DateTimeOffset.FromUnixTimeSeconds(End);

    /// <summary>
    /// The period holding <paramref name="now"/>: the local day, the ISO week from local Monday midnight, or the
    /// calendar month from local midnight of the 1st, in <paramref name="timeZone"/> (a whole-hour zone, as analytics
    /// requires, since spend is summed from hourly rollups).
    /// </summary>
    /// <exception cref="AnalyticsQueryException">The zone is unknown or not a whole-hour offset.</exception>
    public static BudgetWindow Of(BudgetPeriod period, string timeZone, DateTimeOffset now)
    {
        var seconds = now.ToUnixTimeSeconds();
        switch (period)
        {
            case BudgetPeriod.Day:
            case BudgetPeriod.Week:
            {
                var calendar = BucketCalendar.Create(timeZone, period == BudgetPeriod.Day ? AnalyticsBucket.Day : AnalyticsBucket.Week);
                var start = calendar.BucketStartOf(seconds);
                return new BudgetWindow(start, calendar.NextBucketStart(start));
            }

            default:
            {
                var calendar = BucketCalendar.Create(timeZone, AnalyticsBucket.Day);
                var date = calendar.LocalDateOf(seconds);
                var first = new DateOnly(date.Year, date.Month, 1);
                return new BudgetWindow(calendar.LocalDayStart(first), calendar.LocalDayStart(first.AddMonths(1)));
            }
        }
    }
}
