using System.Globalization;
using System.Text;

namespace AgentLedger.Load;

/// <summary>The figures of one run, printed as text and as a markdown section for docs/perf/scale.md.</summary>
internal sealed record LoadReport
{
    public required LoadOptions Options { get; init; }

    public required string Engine { get; init; }

    public required LoadStats Stats { get; init; }

    /// <summary>The measured window per kind of traffic.</summary>
    public IReadOnlyDictionary<TrafficKind, LoadStats> ByKind { get; init; } = new Dictionary<TrafficKind, LoadStats>();

    /// <summary>What the compliance feed held at the end (warm-up included), when checked.</summary>
    public StoredCount? Stored { get; init; }

    /// <summary>Records acknowledged over the whole run (warm-up included): all, and the gateway's.</summary>
    public (long Total, long Gateway) ExpectedStored { get; init; }

    public required double Seconds { get; init; }

    public double? ServerCpuSeconds { get; init; }

    public double? ServerRssMiB { get; init; }

    public double? ServerPeakRssMiB { get; init; }

    public double? DatabaseCpuSeconds { get; init; }

    public double? DatabaseRssMiB { get; init; }

    public double ClientCpuSeconds { get; init; }

    public BareInsertBaseline.Result? Baseline { get; init; }

    public double AcknowledgedPerSecond => Stats.Acknowledged / Seconds;

    public IReadOnlyList<(string Name, string Value)> Rows()
    {
        var c = CultureInfo.InvariantCulture;
        var rows = new List<(string, string)>
        {
            ("engine", Engine),
            ("traffic", Options.MixText + $", {Options.Batch} records/request{(Options.Mix.Any(m => TrafficKinds.IsGateway(m.Kind)) ? " (model calls: one exchange each)" : "")}, {Options.Concurrency} concurrent senders, {Options.Users} users"
                        + (Options.Rate is { } rate ? $", target {rate.ToString("N0", c)} records/s" : ", as fast as it goes")),
            ("measured window", $"{Seconds.ToString("F1", c)} s after {Options.WarmUp.TotalSeconds.ToString("F0", c)} s warm-up"),
            ("requests", Stats.Requests.ToString("N0", c)),
            ("records sent", Stats.Sent.ToString("N0", c)),
            (Options.Mix.Any(m => TrafficKinds.IsGateway(m.Kind)) ? "records acknowledged (2xx after commit; model calls: 2xx and the stream's final event)" : "records acknowledged (2xx after commit)",
                Stats.Acknowledged.ToString("N0", c)),
            ("records rejected", Stats.RejectedRecords.ToString("N0", c) + Rejections()),
            ("**acknowledged records/s**", $"**{AcknowledgedPerSecond.ToString("N0", c)}**"),
            ("request latency p50 / p95 / p99", $"{Stats.Percentile(0.50).ToString("F1", c)} / {Stats.Percentile(0.95).ToString("F1", c)} / {Stats.Percentile(0.99).ToString("F1", c)} ms"),
        };
        if (Stored is { } stored)
        {
            rows.Add(("records stored (compliance feed, warm-up included)", stored.Describe(ExpectedStored.Total, ExpectedStored.Gateway, ByKind.Keys.Any(TrafficKinds.IsGateway))));
        }

        if (ServerCpuSeconds is { } cpu)
        {
            rows.Add(("AgentLedger CPU", $"{(cpu / Seconds).ToString("F2", c)} cores ({(cpu * 1e6 / Math.Max(1, Stats.Acknowledged)).ToString("F0", c)} µs CPU per record)"));
            rows.Add(("AgentLedger RSS at end / peak", $"{ServerRssMiB?.ToString("F0", c)} / {ServerPeakRssMiB?.ToString("F0", c)} MiB"));
        }

        if (DatabaseCpuSeconds is { } dbCpu)
        {
            rows.Add(("PostgreSQL CPU (all backends)", $"{(dbCpu / Seconds).ToString("F2", c)} cores ({(dbCpu * 1e6 / Math.Max(1, Stats.Acknowledged)).ToString("F0", c)} µs per record)"));
            rows.Add(("PostgreSQL RSS (sum of processes) at end", $"{DatabaseRssMiB?.ToString("F0", c)} MiB"));
        }

        rows.Add(("load tool CPU (same machine)", $"{(ClientCpuSeconds / Seconds).ToString("F2", c)} cores"));
        if (Baseline is { } b)
        {
            rows.Add(("baseline: bare INSERT of the same stored rows", $"{b.RowsPerSecond.ToString("N0", c)} rows/s ({b.Rows.ToString("N0", c)} rows, {b.CommitSize.ToString("N0", c)} per commit)"));
            rows.Add(("**ingest ÷ bare insert**", $"**{(AcknowledgedPerSecond / b.RowsPerSecond).ToString("F2", c)}×**"));
        }

        return rows;
    }

    /// <summary>One line per kind of traffic: requests, acknowledged, latency, and for model calls the time to first byte.</summary>
    public IReadOnlyList<(string Kind, string Requests, string Acknowledged, string Latency, string Ttfb)> KindRows()
    {
        var c = CultureInfo.InvariantCulture;
        return
        [
            .. ByKind.Select(p => (
                TrafficKinds.Name(p.Key),
                p.Value.Requests.ToString("N0", c),
                $"{p.Value.AcknowledgedRequests.ToString("N0", c)} ({p.Value.Acknowledged.ToString("N0", c)} of {p.Value.Sent.ToString("N0", c)} records)",
                $"{p.Value.Percentile(0.50).ToString("F1", c)} / {p.Value.Percentile(0.95).ToString("F1", c)} / {p.Value.Percentile(0.99).ToString("F1", c)}",
                TrafficKinds.IsGateway(p.Key) ? $"{p.Value.TtfbPercentile(0.50).ToString("F1", c)} / {p.Value.TtfbPercentile(0.99).ToString("F1", c)}" : "—")),
        ];
    }

    public string Text()
    {
        var text = new StringBuilder(string.Join(Environment.NewLine, Rows().Select(r => $"{r.Name.Replace("**", "", StringComparison.Ordinal),-45} {r.Value.Replace("**", "", StringComparison.Ordinal)}")));
        text.AppendLine().AppendLine().AppendLine(CultureInfo.InvariantCulture, $"{"per kind",-20} {"requests",10} {"acknowledged (records)",-34} {"latency p50/p95/p99 ms",-26} TTFB p50/p99 ms");
        foreach (var (kind, requests, acknowledged, latency, ttfb) in KindRows())
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{kind,-20} {requests,10} {acknowledged,-34} {latency,-26} {ttfb}");
        }

        return text.ToString().TrimEnd();
    }

    public string Markdown()
    {
        var c = CultureInfo.InvariantCulture;
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"### {Options.Title ?? $"Sustained ingest over HTTP: {Engine}"}");
        md.AppendLine();
        md.AppendLine("| measure | value |");
        md.AppendLine("|---|---|");
        foreach (var (name, value) in Rows())
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {value} |");
        }

        md.AppendLine();
        md.AppendLine("| kind | requests | acknowledged (records) | latency p50 / p95 / p99 (ms) | time to first byte p50 / p99 (ms) |");
        md.AppendLine("|---|---:|---|---|---|");
        foreach (var (kind, requests, acknowledged, latency, ttfb) in KindRows())
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {kind} | {requests} | {acknowledged} | {latency} | {ttfb} |");
        }

        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Hardware: {Hardware.Describe()}. Measured {DateTimeOffset.UtcNow.ToString("yyyy-MM-dd HH:mm", c)} UTC.");
        md.AppendLine();
        md.AppendLine("```sh");
        md.AppendLine("dotnet run -c Release --project bench/AgentLedger.Load -- " + string.Join(' ', Options.CommandLine.Select(Quote)));
        md.AppendLine("```");
        return md.ToString();
    }

    private string Rejections()
    {
        var byStatus = Stats.RejectedRequestsByStatus();
        return byStatus.Count == 0
            ? ""
            : " (requests by status: " + string.Join(", ", byStatus.OrderBy(p => p.Key).Select(p => $"{(p.Key == 0 ? "transport error" : p.Key == 207 ? "partial success" : p.Key.ToString(CultureInfo.InvariantCulture))}: {p.Value}")) + ")";
    }

    private static string StatusName(int status) => status switch
    {
        0 => "transport error",
        LoadStats.IncompleteStream => "stream ended before the final event",
        207 => "partial success",
        _ => status.ToString(CultureInfo.InvariantCulture),
    };

    private static string Quote(string arg) => arg.Any(ch => char.IsWhiteSpace(ch) || ch is '"' or '\'' or '*' or '$') ? "'" + arg.Replace("'", "'\\''", StringComparison.Ordinal) + "'" : arg;
}

/// <summary>One line about the machine: CPU model and count, memory, kernel, .NET, and the load average at the end.</summary>
internal static class Hardware
{
    public static string Describe()
    {
        var model = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        var memory = File.Exists("/proc/meminfo")
            ? (long.Parse(File.ReadLines("/proc/meminfo").First().Split(':', 2)[1].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1048576.0)
                .ToString("F0", CultureInfo.InvariantCulture) + " GiB"
            : "?";
        var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";
        return $"{Environment.ProcessorCount} × {model ?? "unknown CPU"}, {memory} RAM, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, "
               + $".NET {Environment.Version}, load average {load} at the end of the run";
    }
}
