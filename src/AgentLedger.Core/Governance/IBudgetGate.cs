namespace AgentLedger.Core.Governance;

/// <summary>
/// The enforcement decision, engine- and transport-neutral: the model gateway asks it before forwarding a request.
/// </summary>
public interface IBudgetGate
{
    /// <summary>
    /// Blocked when any budget in <see cref="BudgetMode.Block"/> that applies to the workspace, the user's team or the
    /// user is exhausted in the period holding <paramref name="now"/>; the one that resets last is named (the request
    /// stays blocked until then). Allowed otherwise.
    /// </summary>
    Task<BudgetDecision> CheckAsync(string workspaceId, string? userId, string? team, DateTimeOffset now, CancellationToken cancellationToken);
}
