namespace AgentLedger.Server.Features.Dashboard.Data;

/// <summary>A named series of a chart, with its total over the window (shown beside the chart and checked by the tests).</summary>
public sealed record ChartSeries(string Title, IReadOnlyList<ChartPoint> Points)
{
    public double Total => Points.Sum(p => p.Value);

    /// <summary>One series per group: <paramref name="value"/> of each row, every bucket present (0 where the group was idle).</summary>
    public static IReadOnlyList<ChartSeries> ByGroup<T>(
        IReadOnlyList<T> rows, Func<T, string> bucket, Func<T, string> group, Func<T, double> value)
    {
        var buckets = rows.Select(bucket).Distinct().Order(StringComparer.Ordinal).ToList();
        return rows.GroupBy(group)
            .OrderByDescending(g => g.Sum(value))
            .Select(g =>
            {
                var byBucket = g.GroupBy(bucket).ToDictionary(b => b.Key, b => b.Sum(value));
                return new ChartSeries(g.Key, buckets.Select(b => new ChartPoint(Day(b), byBucket.GetValueOrDefault(b))).ToList());
            })
            .ToList();
    }

    /// <summary>One series of <paramref name="value"/> summed over groups per bucket.</summary>
    public static ChartSeries Of<T>(string title, IReadOnlyList<T> rows, Func<T, string> bucket, Func<T, double> value) =>
        new(title, rows.GroupBy(bucket).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new ChartPoint(Day(g.Key), g.Sum(value))).ToList());

    /// <summary>Bucket starts are RFC 3339 instants; the axis shows their local date.</summary>
    private static string Day(string bucketStart) => bucketStart.Length >= 10 ? bucketStart[..10] : bucketStart;
}
