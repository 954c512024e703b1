namespace AgentLedger.Core.Governance;

/// <summary>Whose spend a budget limits.</summary>
public enum BudgetScopeKind
{
    /// <summary>The whole workspace.</summary>
    Workspace = 0,

    /// <summary>One team of the directory.</summary>
    Team,

    /// <summary>One directory user.</summary>
    User,
}
