namespace AgentLedger.Core.Gateway;

/// <summary>
/// A gate's refusal: the HTTP status and code of the provider-shaped error the agent gets, the message it shows,
/// and the policy that refused (recorded with the exchange). The upstream is never called.
/// </summary>
public sealed record GatewayRefusal(int Status, string Code, string Message, string Policy);
