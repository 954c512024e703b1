using System.Diagnostics;
using AgentLedger.Core.Analytics;
using AgentLedger.Storage.Sqlite;

using AgentLedger.Bench.Data;

namespace AgentLedger.Bench.Analytics;

/// <summary>
/// Pages the 90-day daily usage grouped by user exactly as the API does (page reader over the rollups, then the page's
/// e-mail addresses), timing each page.
/// </summary>
internal sealed class PagedQueryRun(SqliteDatabase database, BenchOptions options, DateTimeOffset firstDay)
{
    public async Task<PageTiming> RunAsync()
    {
        var analytics = new TimedAnalyticsReader(new SqliteAnalyticsReader(database));
        var pages = new AnalyticsPageReader(analytics);
        var calendar = BucketCalendar.Utc(AnalyticsBucket.Day);
        var query = new AnalyticsQuery(
            "codex.usage", new AnalyticsScope(ActivityGenerator.WorkspaceId, AnalyticsFilter.None, AnalyticsActivity.Any),
            firstDay.ToUnixTimeSeconds(), firstDay.AddDays(options.Days).ToUnixTimeSeconds(), calendar, AnalyticsGroupBy.User, options.Limit);
        var latencies = new List<double>();
        var cpu = new List<double>();
        var process = Process.GetCurrentProcess();
        var rows = new List<RawRow>();
        var total = Stopwatch.StartNew();
        AnalyticsPosition? position = null;
        do
        {
            var started = Stopwatch.GetTimestamp();
            process.Refresh();
            var cpuStarted = process.TotalProcessorTime;
            var page = await pages.ReadPageAsync(query, position, CancellationToken.None);
            await analytics.ReadUserEmailsAsync(ActivityGenerator.WorkspaceId, page.Rows.Select(r => r.GroupKey).ToList(), CancellationToken.None);
            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            process.Refresh();
            cpu.Add((process.TotalProcessorTime - cpuStarted).TotalMilliseconds);
            rows.AddRange(page.Rows.Select(r => new RawRow(
                r.BucketStart, r.GroupKey, r.Totals.Records, r.Totals.Threads, r.Totals.Turns, r.Totals.InputTokens, r.Totals.Credits)));
            position = page.Next;
        }
        while (position is not null);

        return new PageTiming(latencies, cpu, total.Elapsed, rows, analytics.Totals);
    }

    /// <summary>Rows where the paged answer and the raw-record answer differ (empty when they agree everywhere).</summary>
    public static List<string> Compare(IReadOnlyList<RawRow> paged, IReadOnlyList<RawRow> raw)
    {
        var mismatches = new List<string>();
        if (paged.Count != raw.Count)
        {
            mismatches.Add($"row count: paged {paged.Count}, raw {raw.Count}");
        }

        for (var i = 0; i < Math.Min(paged.Count, raw.Count) && mismatches.Count < 10; i++)
        {
            if (paged[i] != raw[i])
            {
                mismatches.Add($"row {i}: paged {paged[i]}, raw {raw[i]}");
            }
        }

        return mismatches;
    }
}
