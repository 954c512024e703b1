namespace AgentLedger.Core.Governance;

/// <summary>How long a budget lasts before it resets: a local day, an ISO week (from Monday) or a calendar month.</summary>
public enum BudgetPeriod
{
    Day = 0,
    Week,
    Month,
}
