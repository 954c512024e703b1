namespace AgentLedger.Bench.Analytics;

/// <summary>One pass over the window: the latency of every page, the total, and the figures of each row for the comparison.</summary>
internal sealed record PageTiming(
    IReadOnlyList<double> PageMilliseconds, IReadOnlyList<double> CpuMilliseconds, TimeSpan Total, IReadOnlyList<RawRow> Rows,
    IReadOnlyDictionary<string, (int Calls, TimeSpan Time, long Rows)> Calls)
{
    public double Percentile(double p) => Percentile(PageMilliseconds, p);

    public double CpuPercentile(double p) => Percentile(CpuMilliseconds, p);

    private static double Percentile(IReadOnlyList<double> values, double p)
    {
        var sorted = values.Order().ToList();
        var rank = (int)Math.Ceiling(p / 100 * sorted.Count) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
    }

    /// <summary>Where the time went, per storage call.</summary>
    public string Breakdown() =>
        string.Join("; ", Calls.Select(c => $"{c.Key}: {c.Value.Calls} calls, {c.Value.Time.TotalMilliseconds:N0} ms, {c.Value.Rows:N0} rows"));
}
