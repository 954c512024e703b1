namespace AgentLedger.Core.Governance;

/// <summary>
/// A budget's current period: what was spent so far (from the rollups), the linear forecast to the period's end,
/// and the share of the limit used.
/// </summary>
/// <param name="Forecast">Spend so far plus the period's average rate so far times the time left (<see cref="BudgetSpendReader"/>).</param>
/// <param name="Percent">Spend as a percentage of the amount, rounded down to two decimals.</param>
public sealed record BudgetStatus(Budget Budget, BudgetWindow Window, decimal Spend, decimal Forecast, decimal Percent)
{
    /// <summary>Spend reached the amount: a blocking budget now refuses requests until <see cref="BudgetWindow.End"/>.</summary>
    public bool Exhausted => Spend >= Budget.Amount;

    /// <summary>The thresholds reached in this period, ascending.</summary>
    public IReadOnlyList<int> CrossedThresholds => Budget.Thresholds.Where(t => Spend * 100 >= Budget.Amount * t).ToList();
}
