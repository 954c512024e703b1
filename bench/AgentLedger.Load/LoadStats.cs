namespace AgentLedger.Load;

/// <summary>
/// Counters of a run, updated by every sender: records sent and acknowledged (2xx, less what an OTLP
/// <c>partial_success</c> says was rejected), rejections by HTTP status (0 for a transport error), and request
/// latencies (and, for streamed answers, the time to the first byte). Only requests that started inside the measured window count towards the figures.
/// </summary>
internal sealed class LoadStats
{
    /// <summary>The pseudo-status of a 2xx stream that ended before the provider's final event.</summary>
    public const int IncompleteStream = 1;

    private readonly Lock _gate = new();
    private readonly List<double> _latenciesMs = new(1 << 16);
    private readonly List<double> _ttfbMs = [];
    private readonly Dictionary<int, long> _rejectedByStatus = [];
    private long _requests;
    private long _sent;
    private long _acknowledged;
    private long _acknowledgedRequests;
    private long _rejectedRecords;

    public long Requests => Interlocked.Read(ref _requests);

    public long Sent => Interlocked.Read(ref _sent);

    public long Acknowledged => Interlocked.Read(ref _acknowledged);

    /// <summary>Requests answered 2xx with nothing rejected inside (and, for a stream, through its final event).</summary>
    public long AcknowledgedRequests => Interlocked.Read(ref _acknowledgedRequests);

    public long RejectedRecords => Interlocked.Read(ref _rejectedRecords);

    public void Record(int records, int status, int rejectedInside, double latencyMs, double? ttfbMs = null)
    {
        Interlocked.Increment(ref _requests);
        Interlocked.Add(ref _sent, records);
        var ok = status is >= 200 and < 300;
        Interlocked.Add(ref _acknowledged, ok ? records - rejectedInside : 0);
        if (ok && rejectedInside == 0)
        {
            Interlocked.Increment(ref _acknowledgedRequests);
        }

        Interlocked.Add(ref _rejectedRecords, ok ? rejectedInside : records);
        lock (_gate)
        {
            _latenciesMs.Add(latencyMs);
            if (ttfbMs is { } ttfb)
            {
                _ttfbMs.Add(ttfb);
            }

            if (!ok)
            {
                _rejectedByStatus[status] = _rejectedByStatus.GetValueOrDefault(status) + 1;
            }
            else if (rejectedInside > 0)
            {
                // 200 with partial_success: reported under its own pseudo-status
                _rejectedByStatus[207] = _rejectedByStatus.GetValueOrDefault(207) + 1;
            }
        }
    }

    public IReadOnlyDictionary<int, long> RejectedRequestsByStatus()
    {
        lock (_gate)
        {
            return new Dictionary<int, long>(_rejectedByStatus);
        }
    }

    /// <summary>The latency at quantile <paramref name="q"/> (nearest rank), in ms; NaN before any request.</summary>
    public double Percentile(double q) => Percentile(_latenciesMs, q);

    /// <summary>The time to the first byte of the answer at quantile <paramref name="q"/>, in ms; NaN when none was measured.</summary>
    public double TtfbPercentile(double q) => Percentile(_ttfbMs, q);

    private double Percentile(List<double> samples, double q)
    {
        lock (_gate)
        {
            if (samples.Count == 0)
            {
                return double.NaN;
            }

            var sorted = samples.ToArray();
            Array.Sort(sorted);
            return sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];
        }
    }
}
