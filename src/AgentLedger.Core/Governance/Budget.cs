namespace AgentLedger.Core.Governance;

/// <summary>
/// A spending limit of a workspace, team or user per day, week or month, in credits or US dollars, with the
/// percentages of the limit at which alerts go out. Periods are cut in <see cref="TimeZone"/> (IANA).
/// </summary>
/// <param name="ScopeValue">The team name (Team) or directory user id (User); empty for the workspace.</param>
/// <param name="Thresholds">Percentages of <see cref="Amount"/>, ascending, distinct, from 1 to 1000.</param>
public sealed record Budget(
    string WorkspaceId,
    string BudgetId,
    string Name,
    BudgetScopeKind Scope,
    string ScopeValue,
    BudgetPeriod Period,
    BudgetUnit Unit,
    decimal Amount,
    IReadOnlyList<int> Thresholds,
    BudgetMode Mode,
    string TimeZone,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public const int MaxThresholds = 10;
    public const int MaxNameLength = 200;

    public static readonly IReadOnlyList<int> DefaultThresholds = [50, 80, 100];

    /// <summary>Whether the budget applies to a request of <paramref name="userId"/> in <paramref name="team"/>.</summary>
    public bool AppliesTo(string? userId, string? team) => Scope switch
    {
        BudgetScopeKind.Workspace => true,
        BudgetScopeKind.Team => team is not null && string.Equals(team, ScopeValue, StringComparison.Ordinal),
        BudgetScopeKind.User => userId is not null && string.Equals(userId, ScopeValue, StringComparison.Ordinal),
        _ => false,
    };
}
