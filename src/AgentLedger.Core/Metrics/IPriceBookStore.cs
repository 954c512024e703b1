namespace AgentLedger.Core.Metrics;

/// <summary>Workspace price book versions: added, never changed or removed.</summary>
public interface IPriceBookStore
{
    /// <summary>
    /// Stores <paramref name="version"/> as the workspace's next version number (its <see cref="PriceBookVersion.Version"/>
    /// is ignored) and returns it as stored. Concurrent adds to one workspace get distinct, consecutive numbers.
    /// </summary>
    Task<PriceBookVersion> AddAsync(PriceBookVersion version, CancellationToken cancellationToken);

    /// <summary>The workspace's versions, newest version first.</summary>
    Task<IReadOnlyList<PriceBookVersion>> ListAsync(string workspaceId, CancellationToken cancellationToken);

    /// <summary>Every workspace's versions (what the ingest-side cache holds).</summary>
    Task<IReadOnlyList<PriceBookVersion>> ListAllAsync(CancellationToken cancellationToken);
}
