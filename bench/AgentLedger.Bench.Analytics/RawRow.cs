namespace AgentLedger.Bench.Analytics;

/// <summary>
/// The compared figures of one (day, user) row, from the raw records or from a page. Passes keep only these, not the pages'
/// rows, so that the process holds what a server holds between requests (nothing) and GC pauses are not the bench's own.
/// </summary>
internal sealed record RawRow(long DayStart, string UserId, long Records, long Threads, long Turns, long InputTokens, decimal Credits);
