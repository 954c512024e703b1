namespace AgentLedger.Core.Gateway;

/// <summary>
/// A gate's refusal: the HTTP status and code of the provider-shaped error the agent gets, the message it shows,
/// and the policy that refused (recorded with the exchange). The upstream is never called.
/// </summary>
/// <param name="RetryAfter">When set, sent as a <c>Retry-After</c> header (whole seconds, at least 1): when trying again can succeed.</param>
public sealed record GatewayRefusal(int Status, string Code, string Message, string Policy, TimeSpan? RetryAfter = null);
