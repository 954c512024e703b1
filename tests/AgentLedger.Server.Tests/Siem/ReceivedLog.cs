namespace AgentLedger.Server.Tests.Siem;

/// <summary>What a fake receiver accepted, in arrival order: each item's seq, with duplicates counted.</summary>
public sealed class ReceivedLog
{
    private readonly List<long> _arrivals = [];

    public void Add(long seq)
    {
        lock (_arrivals)
        {
            _arrivals.Add(seq);
        }
    }

    public IReadOnlyList<long> Arrivals
    {
        get
        {
            lock (_arrivals)
            {
                return _arrivals.ToList();
            }
        }
    }

    public int Count => Arrivals.Count;

    /// <summary>Distinct seqs in the order they first arrived.</summary>
    public IReadOnlyList<long> FirstArrivals => Arrivals.Distinct().ToList();

    public int Duplicates => Arrivals.Count - Arrivals.Distinct().Count();

    public bool HasAll(IEnumerable<long> seqs) => seqs.All(Arrivals.ToHashSet().Contains);
}
