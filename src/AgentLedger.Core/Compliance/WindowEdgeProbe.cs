namespace AgentLedger.Core.Compliance;

/// <summary>
/// The first step of <see cref="IComplianceRecordReader.SeqInWindowAsync"/> on every engine: look at the <see cref="Size"/> records at
/// the seq range's edge (its start, or its end for the last seq) before searching the time index. Records mostly arrive
/// in time order, so when a cursor is already inside the window (every page after a window's first) one of them
/// answers. The engine reads the edge rows in seq order (descending for the last seq) and feeds them to
/// <see cref="InWindow"/>; the range left to search by index is then (<see cref="AfterSeq"/>, <see cref="UptoSeq"/>].
/// </summary>
public sealed class WindowEdgeProbe(DateTimeOffset? occurredFrom, DateTimeOffset? occurredBefore, long afterSeq, long uptoSeq, bool last)
{
    /// <summary>Records looked at in seq order before the window is searched through its time index.</summary>
    public const int Size = 32;

    private int _seen;

    /// <summary>Exclusive lower end of the seq range still to search.</summary>
    public long AfterSeq { get; private set; } = afterSeq;

    /// <summary>Inclusive upper end of the seq range still to search.</summary>
    public long UptoSeq { get; private set; } = uptoSeq;

    /// <summary>True when the range is empty: there is nothing to read.</summary>
    public bool RangeIsEmpty => AfterSeq >= UptoSeq;

    /// <summary>True once the probe has seen every record of the range: no index search is needed.</summary>
    public bool SawWholeRange => _seen < Size || RangeIsEmpty;

    /// <summary>Whether the edge record (<paramref name="seq"/>, occurring at <paramref name="occurredAt"/>) is in the window; if not, the range shrinks past it.</summary>
    public bool InWindow(long seq, DateTimeOffset occurredAt)
    {
        _seen++;
        if ((occurredFrom is null || occurredAt >= occurredFrom) && (occurredBefore is null || occurredAt < occurredBefore))
        {
            return true;
        }

        if (last)
        {
            UptoSeq = seq - 1;
        }
        else
        {
            AfterSeq = seq;
        }

        return false;
    }
}
