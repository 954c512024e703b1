namespace AgentLedger.Core.Governance;

/// <summary>
/// The gate's answer for one request: allowed, or blocked by an exhausted budget in block mode, naming the budget and
/// when it resets (the end of its current period), so that the gateway can answer a provider-shaped error.
/// </summary>
public sealed record BudgetDecision(bool Allowed, string? BudgetId, string? BudgetName, DateTimeOffset? ResetsAt, decimal? Spend, decimal? Amount, BudgetUnit? Unit)
{
    public static readonly BudgetDecision Allow = new(true, null, null, null, null, null, null);

    public static BudgetDecision Block(BudgetStatus status) => new(
        false, status.Budget.BudgetId, status.Budget.Name, status.Window.EndTime, status.Spend, status.Budget.Amount, status.Budget.Unit);
}
