namespace AgentLedger.CrashTest;

/// <summary>
/// What the client side knows across all rounds: every event it sent, which of them a 2xx acknowledged, and the
/// totals that the server's rollups must equal once every sent event is stored exactly once.
/// </summary>
public sealed class Ledger
{
    private readonly Dictionary<string, SyntheticEvent> _sent = new(StringComparer.Ordinal);
    private readonly HashSet<string> _acknowledged = new(StringComparer.Ordinal);
    private readonly HashSet<string> _sessions = new(StringComparer.Ordinal);

    public int SentCount => _sent.Count;

    public IReadOnlyCollection<string> Acknowledged => _acknowledged;

    public long InputTokens { get; private set; }

    public long OutputTokens { get; private set; }

    /// <summary>Distinct sessions: each is one thread in the rollups, counted in the bucket of its first stored record.</summary>
    public int Sessions => _sessions.Count;

    public bool WasSent(string eventId) => _sent.ContainsKey(eventId);

    public void AddSent(SentBatch batch)
    {
        foreach (var e in batch.Events)
        {
            if (!_sent.TryAdd(e.EventId, e))
            {
                throw new InvalidOperationException($"The generator repeated event id {e.EventId}.");
            }

            InputTokens += e.Usage?.InputTokens ?? 0;
            OutputTokens += e.Usage?.OutputTokens ?? 0;
            if (e.SessionId is not null)
            {
                _sessions.Add(e.SessionId);
            }
        }
    }

    public void AddAcknowledged(SentBatch batch)
    {
        foreach (var e in batch.Events)
        {
            _acknowledged.Add(e.EventId);
        }
    }
}
