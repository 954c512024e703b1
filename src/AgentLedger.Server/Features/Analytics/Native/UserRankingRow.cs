namespace AgentLedger.Server.Features.Analytics.Native;

/// <summary>One user of a ranking.</summary>
/// <param name="Rank">1 for the top user.</param>
/// <param name="UserId">Directory user id.</param>
/// <param name="UserEmail">The user's e-mail when known.</param>
/// <param name="Credits">Credits in the window.</param>
/// <param name="Threads">Threads started in the window.</param>
/// <param name="Turns">Turns in the window.</param>
/// <param name="Tokens">Input plus output tokens in the window.</param>
/// <param name="ActiveDays">Local days with any record in the window.</param>
/// <param name="CurrentStreak">Consecutive active days ending on the window's last day (or the day before, while that day is not yet active).</param>
public sealed record UserRankingRow(
    int Rank, string UserId, string? UserEmail, decimal Credits, long Threads, long Turns, long Tokens, int ActiveDays, int CurrentStreak);
