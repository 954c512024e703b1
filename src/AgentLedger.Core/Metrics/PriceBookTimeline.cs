namespace AgentLedger.Core.Metrics;

/// <summary>
/// A workspace's versions in effective order over the server-wide book: before the first version's effective time
/// the server-wide book applies; from then on, the version with the latest effective time at or before the usage
/// (of two with the same effective time, the later version).
/// </summary>
public sealed class PriceBookTimeline
{
    private readonly PriceBook _serverBook;
    private readonly DateTimeOffset[] _starts;
    private readonly PriceBookVersion[] _versions;

    public PriceBookTimeline(PriceBook serverBook, IEnumerable<PriceBookVersion> versions)
    {
        _serverBook = serverBook;
        _versions = versions.OrderBy(v => v.EffectiveFrom).ThenBy(v => v.Version).ToArray();
        _starts = _versions.Select(v => v.EffectiveFrom).ToArray();
    }

    public IReadOnlyList<PriceBookVersion> Versions => _versions;

    /// <summary>The version in effect at <paramref name="at"/>, or null while the server-wide book applies.</summary>
    public PriceBookVersion? VersionAt(DateTimeOffset at)
    {
        // Upper bound: the last start <= at. Few versions per workspace, but ingest calls this per record.
        int lo = 0, hi = _starts.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_starts[mid] <= at)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo == 0 ? null : _versions[lo - 1];
    }

    public PriceBook BookAt(DateTimeOffset at) => VersionAt(at)?.Book ?? _serverBook;
}
