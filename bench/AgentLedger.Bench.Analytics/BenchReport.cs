using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using AgentLedger.Storage.Sqlite;

namespace AgentLedger.Bench.Analytics;

/// <summary>The results as markdown, with the machine and the store they were measured on.</summary>
internal sealed class BenchReport(BenchOptions options, SqliteDatabase database, long records, TimeSpan? fill)
{
    private long _rollupRows;
    private long _users;
    private string _sqliteVersion = "";

    public async Task DescribeStoreAsync()
    {
        await using var connection = await database.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT (SELECT count(*) FROM usage_hourly), (SELECT count(*) FROM users), sqlite_version()";
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        _rollupRows = reader.GetInt64(0);
        _users = reader.GetInt64(1);
        _sqliteVersion = reader.GetString(2);
    }

    public string Render(PageTiming cold, PageTiming warm, (IReadOnlyList<RawRow> Rows, TimeSpan Elapsed) raw, List<string> mismatches)
    {
        var text = new StringBuilder();
        var size = new FileInfo(database.FilePath).Length + (File.Exists(database.FilePath + "-wal") ? new FileInfo(database.FilePath + "-wal").Length : 0);
        text.AppendLine(CultureInfo.InvariantCulture, $"""
            ## Run of {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC

            Machine: {Cpu()}, {Environment.ProcessorCount} cores, {Memory()} RAM; {RuntimeInformation.OSDescription}; .NET {Environment.Version};
            SQLite {_sqliteVersion}. Store: {records:N0} records, {_users:N0} users, {options.Days} days, {_rollupRows:N0} hourly rollup rows,
            {size / 1024.0 / 1024 / 1024:N2} GiB on disk{(fill is null ? " (reused)" : $"; filled through SqliteBulkLoader (the writer's own commit, 50,000 records per transaction) in {fill.Value.TotalMinutes:N1} min ({records / fill.Value.TotalSeconds:N0} records/s)")}.

            Query: {options.Days}-day daily usage grouped by user (the Codex `/usage` default), limit {options.Limit}, every page
            (page reader over the rollups + the page's e-mail lookup), {warm.Rows.Count:N0} rows in {warm.PageMilliseconds.Count} pages.

            Load average while measuring: {Load()} (the machine has {Environment.ProcessorCount} cores); wall-clock latency
            includes waiting for a core, CPU time is the process's own work for the page.

            | pass | p50 per page | p99 per page | max per page | p50 CPU per page | p99 CPU per page | whole window |
            |---|---|---|---|---|---|---|
            | first (after the fill) | {cold.Percentile(50):N1} ms | {cold.Percentile(99):N1} ms | {cold.PageMilliseconds.Max():N1} ms | {cold.CpuPercentile(50):N1} ms | {cold.CpuPercentile(99):N1} ms | {cold.Total.TotalSeconds:N2} s |
            | third (warm) | {warm.Percentile(50):N1} ms | {warm.Percentile(99):N1} ms | {warm.PageMilliseconds.Max():N1} ms | {warm.CpuPercentile(50):N1} ms | {warm.CpuPercentile(99):N1} ms | {warm.Total.TotalSeconds:N2} s |
            | raw records, one query | | | | | | {raw.Elapsed.TotalSeconds:N2} s |

            Storage calls, third pass: {warm.Breakdown()}.

            Raw records ÷ paged rollups (whole window, third pass): **{raw.Elapsed.TotalSeconds / warm.Total.TotalSeconds:N1}×**;
            raw records ÷ one p99 page: {raw.Elapsed.TotalMilliseconds / warm.Percentile(99):N0}×.
            Figures (records, threads, turns, input tokens, credits per day and user) of the paged answer and the raw-record
            answer: {(mismatches.Count == 0 ? $"identical in all {raw.Rows.Count:N0} rows" : "DIFFERENT: " + string.Join("; ", mismatches))}.
            """);
        return text.ToString();
    }

    private static string Load() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

    private static string Cpu()
    {
        var line = File.Exists("/proc/cpuinfo") ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal)) : null;
        return line?.Split(':', 2)[1].Trim() ?? RuntimeInformation.ProcessArchitecture.ToString();
    }

    private static string Memory()
    {
        var line = File.Exists("/proc/meminfo") ? File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal", StringComparison.Ordinal)) : null;
        return line is null ? "?" : $"{long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0 / 1024:N0} GiB";
    }
}
