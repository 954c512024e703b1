using System.Collections.Frozen;
using AgentLedger.Core.Metrics;
using Microsoft.Extensions.Options;

namespace AgentLedger.Server.Features.Pricing;

/// <summary>
/// The ingest-side cache of every workspace's price book versions over the server-wide book. <see cref="Resolve"/>
/// reads an immutable snapshot (a dictionary lookup and a binary search, no storage); <see cref="RefreshAsync"/>
/// rebuilds the snapshot from storage at start, after every change made through this instance, and every
/// <see cref="PriceBookOptions.RefreshInterval"/> for changes made through other instances.
/// </summary>
public sealed class WorkspacePriceBooks(IPriceBookStore store, IOptions<PriceBookOptions> options) : IPriceBookResolver, IDisposable
{
    private readonly SemaphoreSlim _refresh = new(1, 1);
    // Frozen: built rarely, read per priced record.
    private volatile FrozenDictionary<string, PriceBookTimeline> _timelines = FrozenDictionary<string, PriceBookTimeline>.Empty;

    /// <summary>The configured server-wide book, in effect for a workspace before its first version.</summary>
    public PriceBook ServerBook { get; } = options.Value.Build();

    public PriceBook Resolve(string workspaceId, DateTimeOffset at) =>
        _timelines.TryGetValue(workspaceId, out var timeline) ? timeline.BookAt(at) : ServerBook;

    /// <summary>The workspace's timeline as this instance prices it.</summary>
    public PriceBookTimeline TimelineOf(string workspaceId) =>
        _timelines.TryGetValue(workspaceId, out var timeline) ? timeline : new PriceBookTimeline(ServerBook, []);

    /// <summary>
    /// Reloads every workspace's versions. Refreshes run one at a time and each reads storage after the previous one
    /// finished, so a refresh that follows a committed change always ends with that change in the snapshot.
    /// </summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await _refresh.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var all = await store.ListAllAsync(cancellationToken).ConfigureAwait(false);
            _timelines = all.GroupBy(v => v.WorkspaceId, StringComparer.Ordinal)
                .ToFrozenDictionary(g => g.Key, g => new PriceBookTimeline(ServerBook, g), StringComparer.Ordinal);
        }
        finally
        {
            _refresh.Release();
        }
    }

    public void Dispose() => _refresh.Dispose();
}
