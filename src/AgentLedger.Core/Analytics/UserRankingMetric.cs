namespace AgentLedger.Core.Analytics;

/// <summary>What a user ranking sorts by (descending; ties by user id).</summary>
public enum UserRankingMetric
{
    Credits = 0,
    Threads,
    Turns,
    Tokens,
    CurrentStreak,
}
