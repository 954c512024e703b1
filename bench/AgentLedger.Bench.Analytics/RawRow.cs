namespace AgentLedger.Bench.Analytics;

/// <summary>One (day, user) of the answer computed from raw records.</summary>
internal sealed record RawRow(long DayStart, string UserId, long Records, long Threads, long Turns, long InputTokens, decimal Credits);
