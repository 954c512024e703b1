using System.Globalization;
using AgentLedger.Core.Gateway;
using AgentLedger.Core.Governance;
using AgentLedger.Core.Identity;
using AgentLedger.Core.Records;

namespace AgentLedger.Server.Features.Governance.Budgets;

/// <summary>
/// Budget enforcement in the model gateway. It lives with the budgets (not in the gateway feature) and is added to the
/// gateway's gates by <see cref="GovernanceServiceCollectionExtensions.AddAgentLedgerGovernance"/>, after DLP, so the
/// gateway knows nothing of governance. The caller (the gateway key's name, usually the user's e-mail) is resolved to
/// the directory user and team through <c>email:&lt;lower-cased e-mail&gt;</c>; a caller the directory does not know is
/// held to the workspace budgets only. When a block-mode budget is exhausted the agent gets a provider-shaped 429
/// (<c>budget_exhausted</c>) naming the budget and when it resets, with <c>Retry-After</c>; alert-only budgets never block.
/// </summary>
public sealed class BudgetGatewayGate(IBudgetGate budgets, IDirectoryStore directory, TimeProvider time) : IGatewayRequestGate
{
    public const string Code = "budget_exhausted";

    public async ValueTask<GatewayRefusal?> CheckAsync(GatewayGateContext context, CancellationToken cancellationToken)
    {
        var user = await ResolveAsync(context, cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var decision = await budgets.CheckAsync(context.WorkspaceId, user?.UserId, user?.Team, now, cancellationToken).ConfigureAwait(false);
        if (decision.Allowed)
        {
            return null;
        }

        var resets = decision.ResetsAt!.Value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var unit = decision.Unit == BudgetUnit.Usd ? "USD" : "credits";
        var message = string.Create(CultureInfo.InvariantCulture,
            $"AgentLedger blocked this request before it reached the model: budget '{decision.BudgetName}' is exhausted " +
            $"({decision.Spend:0.##} of {decision.Amount:0.##} {unit} spent) and blocks requests until it resets at {resets}.");
        return new GatewayRefusal(StatusCodes.Status429TooManyRequests, Code, message, "budget:" + decision.BudgetId, decision.ResetsAt.Value - now);
    }

    private async Task<DirectoryUser?> ResolveAsync(GatewayGateContext context, CancellationToken cancellationToken)
    {
        if (!context.Caller.Contains('@', StringComparison.Ordinal))
        {
            return null;
        }

        var key = new ActorIdentity { Email = context.Caller }.Keys();
        return key.Count == 0 ? null : await directory.FindUserByIdentifierAsync(context.WorkspaceId, key[0], cancellationToken).ConfigureAwait(false);
    }
}
