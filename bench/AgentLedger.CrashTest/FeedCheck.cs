namespace AgentLedger.CrashTest;

/// <summary>The record feed compared with the ledger: what is stored, what is missing, what is there twice.</summary>
/// <param name="Stored">Records in the feed.</param>
/// <param name="AcknowledgedFound">Acknowledged events found in the feed.</param>
/// <param name="Missing">Acknowledged events not in the feed: lost data. Must be 0.</param>
/// <param name="Duplicates">Extra copies of an event id in the feed. Must be 0.</param>
/// <param name="Unexpected">Event ids in the feed that were never sent. Must be 0.</param>
/// <param name="SeqError">The first break of seq = 1..N in feed order; null when gap-free.</param>
public sealed record FeedCheck(int Stored, int AcknowledgedFound, int Missing, int Duplicates, int Unexpected, string? SeqError, HashSet<string> StoredIds)
{
    public static FeedCheck Of(IReadOnlyList<(long Seq, string EventId)> feed, Ledger ledger)
    {
        string? seqError = null;
        var ids = new HashSet<string>(feed.Count, StringComparer.Ordinal);
        var duplicates = 0;
        var unexpected = 0;
        for (var i = 0; i < feed.Count; i++)
        {
            var (seq, eventId) = feed[i];
            if (seq != i + 1 && seqError is null)
            {
                seqError = $"record {i + 1} of the feed has seq {seq}";
            }

            if (!ids.Add(eventId))
            {
                duplicates++;
            }

            if (!ledger.WasSent(eventId))
            {
                unexpected++;
            }
        }

        var found = ledger.Acknowledged.Count(ids.Contains);
        return new FeedCheck(feed.Count, found, ledger.Acknowledged.Count - found, duplicates, unexpected, seqError, ids);
    }
}
