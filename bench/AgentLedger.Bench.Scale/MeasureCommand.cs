using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using AgentLedger.Bench;
using AgentLedger.ComplianceBench;

namespace AgentLedger.Bench.Scale;

/// <summary>
/// <c>measure</c>: starts the built server on a generated store and measures, over HTTP, what a user of that size
/// would wait for: the dashboard overview, the Codex usage query paged through 90 days, the compliance feed (paged and
/// streamed) and an eDiscovery export; and beside each, its baseline in the same run (raw-record aggregation, <c>cat</c>
/// of the same bytes). Adds the figures to the store's result file.
/// </summary>
public static partial class MeasureCommand
{
    // Enough warm-up for the server's tiered JIT to finish recompiling the hot paths (a method is promoted after 30
    // calls): with 3 warm-up rounds, that recompilation fell in the measured rounds and made their p99 (issue 11).
    private const int OverviewWarmupRounds = 30;
    private const int OverviewRounds = 100;

    public static async Task<int> RunAsync(ScaleOptions options)
    {
        if (!File.Exists(options.ServerDll))
        {
            throw new ArgumentException($"--server-dll '{options.ServerDll}' does not exist; build it: dotnet build -c Release src/AgentLedger.Server");
        }

        var figures = Figures.Load(options);
        var key = await File.ReadAllTextAsync(GenerateCommand.KeyPath(options));
        await using var target = StoreTarget.Open(options);
        // The days the store was generated with (they end on the day of generation), not the days ending today: a store
        // measured days after it was made must still be read over the days that hold its records.
        var firstDay = await target.FirstDayAsync() ?? throw new InvalidOperationException($"{options.Name}: the store holds no records of workspace '{StoreTarget.WorkspaceId}'.");
        var exports = Path.Combine(options.Work, "exports-" + options.Name);
        Directory.CreateDirectory(exports);
        await using var server = await ServerProcess.StartAsync(options.ServerDll, Path.Combine(options.Work, options.Name + "-server.log"),
            [.. target.ServerArguments, "--Compliance:Logs:SealingEnabled=false", $"--Compliance:Exports:Path={exports}",
                "--Compliance:Exports:PollInterval=00:00:00.100"], null, TimeSpan.FromMinutes(5), CancellationToken.None);
        using var client = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromHours(1) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        figures.Set("server.rss_start_mib", server.StatusKiB("VmRSS") / 1024.0);

        await OverviewAsync(server, client, figures);
        await CodexUsageAsync(server, client, figures, firstDay, options.Days);
        await FeedPagesAsync(client, figures);
        await FeedStreamAsync(server, client, figures, target, firstDay, options);
        await ExportAsync(server, client, figures, target, firstDay, options, exports);
        figures.Set("server.rss_peak_mib", server.StatusKiB("VmHWM") / 1024.0);
        figures.Save(options.Results);

        // The baselines straight from the records, with the server stopped so they do not share the cores with it.
        await server.DisposeAsync();
        // The overview is the dashboard's as of today (the server's clock), so its baseline covers the same 30 days.
        var today = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero);
        var timeout = TimeSpan.FromMinutes(15);
        figures.Set("overview.raw_s", await target.RawOverviewSecondsAsync(today.AddDays(-29), today.AddDays(1), timeout));
        figures.SetLoad("overview.raw");
        figures.Set("usage.raw_s", await target.RawUsageSecondsAsync(firstDay, firstDay.AddDays(options.Days), timeout));
        figures.SetLoad("usage.raw");
        Console.WriteLine($"{options.Name}: raw overview {figures.Get("overview.raw_s"):N1} s, raw 90-day usage {figures.Get("usage.raw_s"):N1} s");
        figures.Save(options.Results);
        return 0;
    }

    /// <summary>
    /// The calls the Overview page makes when it opens (30-day window, daily buckets), all at once as the page makes
    /// them: active users today / 7 / 30 days (one active_user_counts call, as ActiveUserTiles makes it), daily users by
    /// surface, credits and tokens by surface (the same call, made by two charts), threads and turns by client. A round
    /// is the time until the last answers; each call's own latency is kept too (the slowest call's p99 is the page's).
    /// </summary>
    private static async Task OverviewAsync(ServerProcess server, HttpClient client, Figures figures)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var prefix = $"/api/v1/analytics/workspaces/{StoreTarget.WorkspaceId}/";
        var window = $"from={Day(today.AddDays(-29))}&to={Day(today.AddDays(1))}&bucket=day";
        string[] calls =
        [
            $"{prefix}active_user_counts?days=1,7,30&format=json",
            $"{prefix}active_users?{window}&group_by=surface&limit=30000&format=json",
            $"{prefix}usage?{window}&group_by=surface&limit=30000&format=json",
            $"{prefix}usage?{window}&group_by=surface&limit=30000&format=json",
            $"{prefix}usage?{window}&group_by=client&limit=30000&format=json",
        ];
        var rounds = new Latencies();
        var cpu = new Latencies();
        var perCall = calls.Select(_ => new Latencies()).ToArray();
        for (var round = -OverviewWarmupRounds; round < OverviewRounds; round++)
        {
            var cpuStarted = server.CpuSeconds();
            var started = Stopwatch.GetTimestamp();
            var times = await Task.WhenAll(calls.Select(async url =>
            {
                var callStarted = Stopwatch.GetTimestamp();
                using var response = await client.GetAsync(url);
                var body = await response.Content.ReadAsStringAsync();
                if (!response.IsSuccessStatusCode)
                {
                    throw new InvalidOperationException($"{url}: {(int)response.StatusCode} {body}");
                }

                return Stopwatch.GetElapsedTime(callStarted).TotalMilliseconds;
            }));
            if (round >= 0)
            {
                for (var i = 0; i < calls.Length; i++)
                {
                    perCall[i].Add(times[i]);
                }

                rounds.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                cpu.Add((server.CpuSeconds() - cpuStarted) * 1000);
            }
        }

        figures.Set("overview.p50_ms", rounds.Percentile(50));
        figures.Set("overview.p99_ms", rounds.Percentile(99));
        figures.Set("overview.rounds", rounds.Count);
        figures.Set("overview.warmup_rounds", OverviewWarmupRounds);
        figures.Set("overview.cpu_p50_ms", cpu.Percentile(50));
        figures.Set("overview.cpu_p99_ms", cpu.Percentile(99));
        figures.Set("overview.call_p50_ms", perCall.Max(c => c.Percentile(50)));
        figures.Set("overview.call_p99_ms", perCall.Max(c => c.Percentile(99)));
        figures.SetLoad("overview");
        Console.WriteLine($"{figures.Name}: overview p50 {rounds.Percentile(50):N1} ms, p99 {rounds.Percentile(99):N1} ms, server CPU p50 {cpu.Percentile(50):N0} ms");
    }

    /// <summary>The Codex-compatible usage query over the whole generated window, per user and day, 1,000 rows a page; the second pass is reported.</summary>
    private static async Task CodexUsageAsync(ServerProcess server, HttpClient client, Figures figures, DateTimeOffset firstDay, int days)
    {
        var path = $"/v1/analytics/codex/workspaces/{StoreTarget.WorkspaceId}/usage?start_time={firstDay.ToUnixTimeSeconds()}" +
                   $"&end_time={firstDay.AddDays(days).ToUnixTimeSeconds()}&limit=1000";
        for (var pass = 1; pass <= 2; pass++)
        {
            var pages = new Latencies();
            long rows = 0, bytes = 0;
            var total = Stopwatch.StartNew();
            var cpuStarted = server.CpuSeconds();
            string? cursor = null;
            do
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await client.GetAsync(cursor is null ? path : $"{path}&page={Uri.EscapeDataString(cursor)}");
                var body = await response.Content.ReadAsByteArrayAsync();
                pages.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (!response.IsSuccessStatusCode)
                {
                    throw new InvalidOperationException($"usage: {(int)response.StatusCode} {System.Text.Encoding.UTF8.GetString(body)}");
                }

                var page = JsonNode.Parse(body)!;
                rows += page["data"]!.AsArray().Count;
                bytes += body.Length;
                cursor = (bool)page["has_more"]! ? (string)page["next_page"]! : null;
            }
            while (cursor is not null);

            if (pass == 2)
            {
                figures.Set("usage.page_p50_ms", pages.Percentile(50));
                figures.Set("usage.page_p99_ms", pages.Percentile(99));
                figures.Set("usage.page_max_ms", pages.Percentile(100));
                figures.Set("usage.pages", pages.Count);
                figures.Set("usage.rows", rows);
                figures.Set("usage.bytes", bytes);
                figures.Set("usage.total_s", total.Elapsed.TotalSeconds);
                figures.Set("usage.cpu_s", server.CpuSeconds() - cpuStarted);
                figures.SetLoad("usage");
                Console.WriteLine($"{figures.Name}: usage {pages.Count} pages, {rows:N0} rows, p50 {pages.Percentile(50):N1} ms, p99 {pages.Percentile(99):N1} ms, " +
                                  $"whole window {total.Elapsed.TotalSeconds:N1} s");
            }
        }
    }
}
