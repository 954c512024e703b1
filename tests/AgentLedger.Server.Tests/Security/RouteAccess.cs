using AgentLedger.Core.Keys;

namespace AgentLedger.Server.Tests.Security;

/// <summary>What a route declares about who may call it, read from its endpoint metadata.</summary>
public abstract record RouteAccess
{
    /// <summary>An API key with <paramref name="Scope"/> (None: any valid key); <paramref name="AcceptsDashboardCookie"/> when a signed-in account passes too.</summary>
    public sealed record Scoped(ApiKeyScope Scope, bool AcceptsDashboardCookie) : RouteAccess;

    /// <summary>A dashboard sign-in whose role grants <paramref name="Scope"/> (None: any signed-in account).</summary>
    public sealed record DashboardPage(ApiKeyScope Scope) : RouteAccess;

    /// <summary>Listed in <see cref="AnonymousRoutes"/>, with the reason it needs no key.</summary>
    public sealed record Anonymous(string Reason) : RouteAccess;

    /// <summary>No declaration, or one the test does not understand: the route fails the matrix.</summary>
    public sealed record Undeclared(string Problem) : RouteAccess;
}
