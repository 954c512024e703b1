namespace AgentLedger.Core.Governance;

/// <summary>What happens when a budget is exhausted.</summary>
public enum BudgetMode
{
    /// <summary>Alerts only; requests go on.</summary>
    AlertOnly = 0,

    /// <summary>Alerts, and the gateway refuses requests in scope until the period resets (<see cref="IBudgetGate"/>).</summary>
    Block,
}
