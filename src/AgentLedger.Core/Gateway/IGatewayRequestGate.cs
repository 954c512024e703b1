namespace AgentLedger.Core.Gateway;

/// <summary>
/// A check every gateway request passes before it leaves for the provider. Gates run in the order they are
/// registered (DLP first); the first refusal wins and the upstream is never called. A gate may also rewrite the
/// request (DLP redaction) through <see cref="GatewayGateContext.Body"/>. Budgets plug in here.
/// </summary>
public interface IGatewayRequestGate
{
    /// <returns>Null to let the request pass, or the refusal the agent gets.</returns>
    ValueTask<GatewayRefusal?> CheckAsync(GatewayGateContext context, CancellationToken cancellationToken);
}
