namespace AgentLedger.Core.Metrics;

/// <summary>
/// One version of a workspace's price book: the whole book (it replaces the server-wide one, it does not patch it),
/// in effect for usage that occurred from <see cref="EffectiveFrom"/> until the next version's effective time.
/// Versions are only ever added; storage numbers them per workspace from 1.
/// </summary>
/// <param name="CreatedBy">Who added it (the API key id or dashboard account), as the audit log names them.</param>
public sealed record PriceBookVersion(
    string WorkspaceId, int Version, DateTimeOffset EffectiveFrom, PriceBook Book, DateTimeOffset CreatedAt, string CreatedBy, string? Note);
