using AgentLedger.Core.Keys;

namespace AgentLedger.Server.Auth;

/// <summary>
/// Declares that an endpoint checks the API key and <see cref="Scope"/> in its handler instead of through the
/// authorization middleware, because its callers expect refusals in their own protocol's shape (OTLP/HTTP, gRPC).
/// The authorization matrix test holds the handler to the same answers as <c>RequireScope</c>: 401 without a valid
/// key, 403 without the scope.
/// </summary>
public sealed record ScopeCheckedInHandler(ApiKeyScope Scope);
