using AgentLedger.Core.Keys;

namespace AgentLedger.Server.Features.Admin;

/// <summary>A newly issued key with its token, which is shown once and never stored.</summary>
public sealed record IssuedApiKey(ApiKeyInfo Info, string Token);
