namespace AgentLedger.Core.Governance;

/// <summary>
/// When a user's daily credits are "far above their own trailing baseline". The baseline is the user's credits on
/// each of the <see cref="BaselineDays"/> UTC days before the day judged (days without activity count as 0). A day is
/// anomalous when all of these hold:
/// <list type="bullet">
/// <item>the user was active on at least <see cref="MinActiveDays"/> baseline days (a newcomer has no baseline);</item>
/// <item>the day's credits are at least <see cref="MinCredits"/> (small absolute amounts are noise);</item>
/// <item>they are at least <see cref="Factor"/> times the baseline mean;</item>
/// <item>and at least the mean plus <see cref="Deviations"/> standard deviations (a user whose usage always swings
/// widely is not flagged for an ordinary swing).</item>
/// </list>
/// </summary>
public sealed record UsageAnomalyRule(int BaselineDays = 14, int MinActiveDays = 5, decimal MinCredits = 10m, decimal Factor = 3m, decimal Deviations = 3m)
{
    public UsageAnomalyVerdict Judge(decimal dayCredits, IReadOnlyList<decimal> baseline)
    {
        var active = baseline.Count(c => c > 0);
        var mean = baseline.Count == 0 ? 0 : baseline.Sum() / baseline.Count;
        var variance = baseline.Count == 0 ? 0 : baseline.Sum(c => (c - mean) * (c - mean)) / baseline.Count;
        var deviation = (decimal)Math.Sqrt((double)variance);
        var anomalous = active >= MinActiveDays && dayCredits >= MinCredits && dayCredits >= Factor * mean && dayCredits >= mean + Deviations * deviation;
        return new UsageAnomalyVerdict(anomalous, decimal.Round(mean, 6), decimal.Round(deviation, 6), active);
    }
}

/// <summary>The rule's verdict with the baseline it used.</summary>
public sealed record UsageAnomalyVerdict(bool Anomalous, decimal BaselineMean, decimal BaselineDeviation, int ActiveBaselineDays);
