using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using AgentLedger.Bench;
using AgentLedger.ComplianceBench;

namespace AgentLedger.Bench.Scale;

public static partial class MeasureCommand
{
    private const int FeedPages = 30;
    private const long StreamRecords = 1_000_000;
    private const long ExportRecords = 100_000;

    /// <summary>The paged JSON feed from the start, 1,000 records a page (what a SIEM collector polls).</summary>
    private static async Task FeedPagesAsync(HttpClient client, Figures figures)
    {
        var pages = new Latencies();
        string? cursor = null;
        for (var i = -2; i < FeedPages; i++)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await client.GetAsync($"/api/v1/compliance/records?limit=1000{(cursor is null ? "" : "&after=" + Uri.EscapeDataString(cursor))}");
            var body = await response.EnsureSuccessStatusCode().Content.ReadAsByteArrayAsync();
            if (i >= 0)
            {
                pages.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            cursor = (string?)JsonNode.Parse(body)!["next_page"];
            if (cursor is null)
            {
                break;
            }
        }

        figures.Set("feed_pages.p50_ms", pages.Percentile(50));
        figures.Set("feed_pages.p99_ms", pages.Percentile(99));
        figures.SetLoad("feed_pages");
        Console.WriteLine($"{figures.Name}: feed pages p50 {pages.Percentile(50):N1} ms, p99 {pages.Percentile(99):N1} ms");
    }

    /// <summary>
    /// The streamed NDJSON feed of the last million records by time (all of a smaller store), with
    /// the server's CPU and peak memory; the same bytes are then read back with <c>cat</c> as the baseline.
    /// </summary>
    private static async Task FeedStreamAsync(ServerProcess server, HttpClient client, Figures figures, StoreTarget target, DateTimeOffset firstDay, ScaleOptions options)
    {
        var (from, to) = await WindowAsync(target, firstDay, options.Days, StreamRecords);
        var copy = Path.Combine(options.Work, options.Name + "-feed.ndjson");
        var feed = await FeedRun.RunAsync("ndjson", server, client, $"&start_time={from.ToUnixTimeSeconds()}&end_time={to.ToUnixTimeSeconds()}", copy);
        var cat = await CatSecondsAsync(copy);
        File.Delete(copy);
        figures.Set("feed.records", feed.Records);
        figures.Set("feed.bytes", feed.Bytes);
        figures.Set("feed.s", feed.Seconds);
        figures.Set("feed.cpu_s", feed.CpuSeconds);
        figures.Set("feed.peak_rss_mib", feed.PeakRssKiB / 1024.0);
        figures.Set("feed.cat_s", cat);
        figures.SetLoad("feed");
        Console.WriteLine($"{figures.Name}: feed {feed.Records:N0} records, {feed.Bytes / 1_048_576.0:N0} MiB in {feed.Seconds:N1} s, peak RSS {feed.PeakRssKiB / 1024.0:N0} MiB; cat {cat:N2} s");
    }

    /// <summary>An eDiscovery export of the last 100,000 records by time, verified with <c>sha256sum -c</c>.</summary>
    private static async Task ExportAsync(ServerProcess server, HttpClient client, Figures figures, StoreTarget target, DateTimeOffset firstDay, ScaleOptions options,
        string folder)
    {
        var (from, to) = await WindowAsync(target, firstDay, options.Days, ExportRecords);
        var filter = new JsonObject
        {
            ["start_time"] = from.ToString("O", CultureInfo.InvariantCulture),
            ["end_time"] = to.ToString("O", CultureInfo.InvariantCulture),
        };
        var run = await ExportRun.RunAsync("export", server, client, filter, folder);
        var records = Directory.EnumerateFiles(Path.Combine(folder, "export"), "records.ndjson", SearchOption.AllDirectories).Single();
        var cat = await CatSecondsAsync(records);
        var catBytes = new FileInfo(records).Length;
        Directory.Delete(Path.Combine(folder, "export"), recursive: true);
        figures.Set("export.records", run.Records);
        figures.Set("export.bytes", run.Bytes);
        figures.Set("export.s", run.JobSeconds);
        figures.Set("export.cpu_s", run.CpuSeconds);
        figures.Set("export.peak_rss_mib", run.PeakRssKiB / 1024.0);
        figures.Set("export.verified", run.Verified ? 1 : 0);
        figures.Set("export.cat_s", cat);
        figures.Set("export.cat_bytes", catBytes);
        figures.SetLoad("export");
        Console.WriteLine($"{figures.Name}: export {run.Records:N0} records, {run.Bytes / 1_048_576.0:N0} MiB in {run.JobSeconds:N1} s, peak RSS {run.PeakRssKiB / 1024.0:N0} MiB, " +
                          $"sha256sum -c {(run.Verified ? "OK" : "FAILED")}");
        if (!run.Verified)
        {
            throw new InvalidOperationException("The export package did not verify: " + run.VerifyOutput);
        }
    }

    /// <summary>
    /// The end of the generated window and the time of its <paramref name="wanted"/>-th most recent record (the whole
    /// window when the store holds fewer): a window of that many records whatever the time of day the store ends at.
    /// </summary>
    private static async Task<(DateTimeOffset From, DateTimeOffset To)> WindowAsync(StoreTarget target, DateTimeOffset firstDay, int days, long wanted) =>
        (await target.StartOfLatestAsync(wanted) ?? firstDay, firstDay.AddDays(days));

    /// <summary>Seconds <c>cat FILE &gt; /dev/null</c> takes: reading the same bytes, nothing else.</summary>
    private static async Task<double> CatSecondsAsync(string file)
    {
        var info = new ProcessStartInfo("sh") { RedirectStandardError = true };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add("cat \"$0\" > /dev/null");
        info.ArgumentList.Add(file);
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info)!;
        await process.WaitForExitAsync();
        return process.ExitCode == 0 ? clock.Elapsed.TotalSeconds : throw new InvalidOperationException("cat failed: " + await process.StandardError.ReadToEndAsync());
    }
}
