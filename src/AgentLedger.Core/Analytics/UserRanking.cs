using AgentLedger.Core.Metrics;

namespace AgentLedger.Core.Analytics;

/// <summary>One user's totals over a window, active days and current streak (see <see cref="UserRankingReader"/>).</summary>
public sealed record UserRanking(string UserId, UsageMeasures Totals, int ActiveDays, int CurrentStreak)
{
    public decimal Value(UserRankingMetric metric) => metric switch
    {
        UserRankingMetric.Credits => Totals.Credits,
        UserRankingMetric.Threads => Totals.Threads,
        UserRankingMetric.Turns => Totals.Turns,
        UserRankingMetric.Tokens => Totals.InputTokens + Totals.OutputTokens,
        UserRankingMetric.CurrentStreak => CurrentStreak,
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, null),
    };
}
