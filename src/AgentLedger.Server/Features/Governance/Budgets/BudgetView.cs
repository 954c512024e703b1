namespace AgentLedger.Server.Features.Governance.Budgets;

/// <summary>A budget with its current period's status.</summary>
/// <param name="ScopeValue">The team, or the user id; empty for the workspace.</param>
/// <param name="Status">Spend, forecast and thresholds of the current period, computed from the rollups.</param>
public sealed record BudgetView(
    string Id,
    string Name,
    string Scope,
    string ScopeValue,
    string Period,
    string Unit,
    decimal Amount,
    IReadOnlyList<int> Thresholds,
    string Mode,
    string TimeZone,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    BudgetStatusView Status);

/// <summary>The current period of a budget.</summary>
/// <param name="PeriodStart">Start of the current period.</param>
/// <param name="ResetsAt">End of the current period, when spend starts again from zero.</param>
/// <param name="Spend">Spend so far in the period (credits or USD), from the rollups; the current hour counts whole.</param>
/// <param name="Forecast">Linear forecast to the end of the period: the average rate so far (over at least an hour) continued.</param>
/// <param name="Percent">Spend as a percentage of the amount.</param>
/// <param name="Exhausted">Spend reached the amount (a blocking budget now refuses requests).</param>
/// <param name="CrossedThresholds">Thresholds reached in this period.</param>
public sealed record BudgetStatusView(
    DateTimeOffset PeriodStart, DateTimeOffset ResetsAt, decimal Spend, decimal Forecast, decimal Percent, bool Exhausted, IReadOnlyList<int> CrossedThresholds);

/// <summary>The enforcement decision for a request of a user in a team, as the gateway gets it.</summary>
/// <param name="Allowed">False when an exhausted budget in block mode applies.</param>
/// <param name="BudgetId">The blocking budget.</param>
/// <param name="BudgetName">Its name.</param>
/// <param name="ResetsAt">When it resets and requests go through again.</param>
public sealed record BudgetDecisionView(bool Allowed, string? BudgetId, string? BudgetName, DateTimeOffset? ResetsAt, decimal? Spend, decimal? Amount, string? Unit);
