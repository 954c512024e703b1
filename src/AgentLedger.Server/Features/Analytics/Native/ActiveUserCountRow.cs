namespace AgentLedger.Server.Features.Analytics.Native;

/// <summary>Distinct active users over the last <see cref="Days"/> local days, today included.</summary>
/// <param name="Days">The period's length in days (1: today).</param>
/// <param name="From">The period's start: local midnight of its first day, RFC 3339 with the time zone's offset.</param>
/// <param name="To">The period's end (exclusive): local midnight after today.</param>
/// <param name="ActiveUsers">Directory users with any record in scope in the period, each counted once however many days or surfaces.</param>
public sealed record ActiveUserCountRow(int Days, string From, string To, int ActiveUsers);
