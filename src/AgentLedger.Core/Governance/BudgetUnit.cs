namespace AgentLedger.Core.Governance;

/// <summary>What a budget counts: credits (the price book's unit) or cost in US dollars.</summary>
public enum BudgetUnit
{
    Credits = 0,
    Usd,
}
