namespace AgentLedger.Server.Features.Pricing;

/// <summary>A workspace's price book: what applies now, and every version.</summary>
/// <param name="WorkspaceId">The workspace.</param>
/// <param name="AsOf">The time <c>effective</c> is for (now).</param>
/// <param name="Effective">The book that prices usage occurring now.</param>
/// <param name="Versions">The workspace's versions, newest version first (future ones included); empty while the server-wide book applies.</param>
/// <param name="ServerDefault">The configured server-wide book, which applies before the workspace's first version.</param>
public sealed record PriceBookView(
    string WorkspaceId, DateTimeOffset AsOf, PriceBookVersionView Effective, IReadOnlyList<PriceBookVersionView> Versions, PriceBookVersionView ServerDefault);
