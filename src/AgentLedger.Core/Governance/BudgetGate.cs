namespace AgentLedger.Core.Governance;

/// <summary>Answers <see cref="IBudgetGate"/> from the stored budgets and the rollups (<see cref="BudgetSpendReader"/>).</summary>
public sealed class BudgetGate(IGovernanceStore store, BudgetSpendReader spend) : IBudgetGate
{
    public async Task<BudgetDecision> CheckAsync(
        string workspaceId, string? userId, string? team, DateTimeOffset now, CancellationToken cancellationToken)
    {
        BudgetStatus? blocking = null;
        foreach (var budget in await store.ListBudgetsAsync(workspaceId, cancellationToken).ConfigureAwait(false))
        {
            if (budget.Mode != BudgetMode.Block || !budget.AppliesTo(userId, team))
            {
                continue;
            }

            var status = await spend.StatusAsync(budget, now, cancellationToken).ConfigureAwait(false);
            if (status.Exhausted && (blocking is null || status.Window.End > blocking.Window.End))
            {
                blocking = status;
            }
        }

        return blocking is null ? BudgetDecision.Allow : BudgetDecision.Block(blocking);
    }
}
