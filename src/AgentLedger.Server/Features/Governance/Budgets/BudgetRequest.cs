namespace AgentLedger.Server.Features.Governance.Budgets;

/// <summary>A budget to create or replace.</summary>
/// <param name="Name">Shown in alerts and in the gateway's refusal; 1 to 200 characters.</param>
/// <param name="Scope"><c>workspace</c>, <c>team</c> or <c>user</c>.</param>
/// <param name="Team">The team (scope team), as the directory spells it.</param>
/// <param name="UserId">The directory user id (scope user); or give <paramref name="UserEmail"/>.</param>
/// <param name="UserEmail">The user's e-mail (scope user), looked up in the directory.</param>
/// <param name="Period"><c>day</c>, <c>week</c> (ISO, from Monday) or <c>month</c>, in <paramref name="TimeZone"/>.</param>
/// <param name="Unit"><c>credits</c> (default) or <c>usd</c>.</param>
/// <param name="Amount">The limit, more than 0.</param>
/// <param name="Thresholds">Percentages of the amount that raise an alert, 1 to 1000, at most 10 (default 50, 80, 100).</param>
/// <param name="Mode"><c>alert_only</c> (default) or <c>block</c> (the gateway refuses requests in scope once spend reaches the amount).</param>
/// <param name="TimeZone">IANA time zone the periods are cut in (default: Analytics:DefaultTimeZone); whole-hour offsets only.</param>
public sealed record BudgetRequest(
    string? Name,
    string? Scope,
    string? Team,
    string? UserId,
    string? UserEmail,
    string? Period,
    string? Unit,
    decimal? Amount,
    int[]? Thresholds,
    string? Mode,
    string? TimeZone);
