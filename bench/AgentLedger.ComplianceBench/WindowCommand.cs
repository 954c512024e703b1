using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using AgentLedger.Bench;
using Microsoft.Data.Sqlite;

namespace AgentLedger.ComplianceBench;

/// <summary>
/// <c>window</c>: time-windowed compliance reads of the most recent records of an existing store, by several builds of
/// the server on the same store, back to back (build A, build B, build A, build B, …): the first JSON page of the last
/// hours (<c>--window-hours</c>, a day by default), every JSON page of them, their streamed NDJSON feed, and an export of
/// the last days (<c>--export-days</c>), each beside <c>cat</c> of the same bytes. <c>--offset-days</c> moves both windows'
/// end back from the newest record, to compare windows of the same size at different places in the history. The store must be a copy of the caller's own: the servers write keys, audit events and exports into it.
/// <code>window --store /tmp/window-data/sqlite-1000000.db --workspace bench --server before=/path/a.dll --server after=/path/b.dll</code>
/// </summary>
public static class WindowCommand
{
    private const int PageSize = 1000;

    public static async Task<int> RunAsync(string[] args)
    {
        var (store, workspace, servers, rounds, windowHours, exportDays, offsetDays, output) = Parse(args);
        var folder = Path.Combine(Path.GetDirectoryName(store)!, "window-bench");
        Directory.CreateDirectory(folder);
        var newest = LastOccurredAt(store, workspace);
        var end = newest.AddSeconds(1).AddDays(-offsetDays);
        var day = (Start: end.AddHours(-windowHours), End: end);
        var export = (Start: end.AddDays(-exportDays), End: end);
        var key = await ServerProcess.CreateKeyAsync(servers[^1].Dll, store, workspace, "compliance.read,compliance.admin", CancellationToken.None);
        var rows = new List<string>();
        for (var round = 1; round <= rounds; round++)
        {
            foreach (var (name, dll) in servers)
            {
                rows.Add(await MeasureAsync($"{name} #{round}", dll, store, key, folder, day, export));
            }
        }

        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"Store: {store} ({new FileInfo(store).Length / 1_073_741_824.0:N2} GiB), workspace {workspace}, newest occurred_at {newest:u}.");
        report.AppendLine(CultureInfo.InvariantCulture, $"Feed window: {windowHours} h, [{day.Start:u}, {day.End:u}); export: {exportDays} days to the same end; the end is {offsetDays} days before the newest record.");
        report.AppendLine(CultureInfo.InvariantCulture, $"Machine: {Environment.ProcessorCount} cores; load average when done: {File.ReadAllText("/proc/loadavg").Trim()}.");
        report.AppendLine();
        report.AppendLine("| build, round | load (1 min) | first JSON page ms, median (min–max) of 5 | ms to the first record, paging from the start | JSON pages of the window: pages (empty), records, s | streamed NDJSON of the window: records, MiB, s, records/s | cat of those bytes s | export of the last days: records, job s, records/s | cat of its records.ndjson s |");
        report.AppendLine("|---|---:|---|---:|---|---|---:|---|---:|");
        foreach (var row in rows)
        {
            report.AppendLine(row);
        }

        Console.WriteLine(report);
        if (output is not null)
        {
            await File.WriteAllTextAsync(output, report.ToString());
        }

        return 0;
    }

    private static async Task<string> MeasureAsync(
        string name, string dll, string store, string key, string folder, (DateTimeOffset Start, DateTimeOffset End) day,
        (DateTimeOffset Start, DateTimeOffset End) exportWindow)
    {
        await using var server = await ServerProcess.StartAsync(dll, Path.Combine(folder, "server.log"),
            ["--Storage:Sqlite:Path=" + store, "--Compliance:Exports:Path=" + Path.Combine(folder, "exports"), "--Compliance:Logs:SealingEnabled=false",
             "--Compliance:Exports:PollInterval=00:00:00.100"], null, TimeSpan.FromMinutes(5), CancellationToken.None);
        using var client = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromHours(1) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var load = File.ReadAllText("/proc/loadavg").Split(' ')[0];
        var query = $"start_time={day.Start.ToUnixTimeSeconds()}&end_time={day.End.ToUnixTimeSeconds()}";

        // warm-up (JIT, connection, caches): a page of the window's first hour, not measured
        await GetJsonAsync(client, $"/api/v1/compliance/records?limit=10&start_time={day.Start.ToUnixTimeSeconds()}&end_time={day.Start.AddHours(1).ToUnixTimeSeconds()}");
        var firstPages = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            var watch = Stopwatch.StartNew();
            await GetJsonAsync(client, $"/api/v1/compliance/records?limit={PageSize}&{query}");
            firstPages.Add(watch.Elapsed.TotalMilliseconds);
        }

        var (pages, emptyPages, pagedRecords, pagedSeconds, firstRecordMs) = await PageThroughAsync(client, query);

        var copy = Path.Combine(folder, "feed.ndjson");
        var feed = await FeedRun.RunAsync("ndjson", server, client, "&" + query, copy);
        var feedCat = await CatSecondsAsync(copy);
        File.Delete(copy);

        var filter = new JsonObject
        {
            ["start_time"] = exportWindow.Start.ToString("O", CultureInfo.InvariantCulture),
            ["end_time"] = exportWindow.End.ToString("O", CultureInfo.InvariantCulture),
        };
        var run = await ExportRun.RunAsync("window-export", server, client, filter, folder);
        var records = Directory.EnumerateFiles(Path.Combine(folder, "window-export"), "records.ndjson", SearchOption.AllDirectories).Single();
        var exportCat = await CatSecondsAsync(records);
        Directory.Delete(Path.Combine(folder, "window-export"), recursive: true);
        Directory.Delete(Path.Combine(folder, "exports"), recursive: true);
        if (!run.Verified || feed.Records != pagedRecords)
        {
            throw new InvalidOperationException($"{name}: the export did not verify ({run.VerifyOutput}) or the stream ({feed.Records}) and the pages ({pagedRecords}) differ.");
        }

        var row = string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {load} | {firstPages.Order().ElementAt(2):N0} ({firstPages.Min():N0}–{firstPages.Max():N0}) | " +
            $"{firstRecordMs:N0} | {pages:N0} ({emptyPages:N0}), {pagedRecords:N0}, {pagedSeconds:N1} | " +
            $"{feed.Records:N0}, {feed.Bytes / 1_048_576.0:N1}, {feed.Seconds:N2}, {feed.Records / feed.Seconds:N0} | {feedCat:N2} | " +
            $"{run.Records:N0}, {run.JobSeconds:N1}, {run.RecordsPerSecond:N0} | {exportCat:N2} |");
        Console.WriteLine(row);
        return row;
    }

    /// <summary>Reads every JSON page of the window as a collector polls them, counting the empty ones and timing the first record.</summary>
    private static async Task<(int Pages, int Empty, long Records, double Seconds, double FirstRecordMs)> PageThroughAsync(HttpClient client, string query)
    {
        var watch = Stopwatch.StartNew();
        int pages = 0, empty = 0;
        long records = 0;
        double firstRecordMs = double.NaN;
        string? cursor = null;
        while (true)
        {
            var page = await GetJsonAsync(client, $"/api/v1/compliance/records?limit={PageSize}&{query}{(cursor is null ? "" : "&after=" + cursor)}");
            var count = page["data"]!.AsArray().Count;
            pages++;
            empty += count == 0 ? 1 : 0;
            records += count;
            if (count > 0 && double.IsNaN(firstRecordMs))
            {
                firstRecordMs = watch.Elapsed.TotalMilliseconds;
            }

            cursor = (string)page["next_page"]!;
            if (!(bool)page["has_more"]!)
            {
                return (pages, empty, records, watch.Elapsed.TotalSeconds, firstRecordMs);
            }
        }
    }

    private static async Task<JsonObject> GetJsonAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        return (JsonNode.Parse(await response.EnsureSuccessStatusCode().Content.ReadAsStringAsync()) as JsonObject)!;
    }

    private static DateTimeOffset LastOccurredAt(string store, string workspace)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = store, Mode = SqliteOpenMode.ReadOnly }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT max(occurred_at) FROM records WHERE workspace_id = $ws";
        command.Parameters.AddWithValue("$ws", workspace);
        var micros = command.ExecuteScalar() as long? ?? throw new InvalidOperationException($"Workspace {workspace} has no records in {store}.");
        return DateTimeOffset.UnixEpoch.AddTicks(micros * 10);
    }

    private static async Task<double> CatSecondsAsync(string file)
    {
        var info = new ProcessStartInfo("sh") { RedirectStandardError = true };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add("cat \"$0\" > /dev/null");
        info.ArgumentList.Add(file);
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(info)!;
        await process.WaitForExitAsync();
        return process.ExitCode == 0 ? watch.Elapsed.TotalSeconds : throw new InvalidOperationException("cat failed: " + await process.StandardError.ReadToEndAsync());
    }

    private static (string Store, string Workspace, List<(string Name, string Dll)> Servers, int Rounds, int WindowHours, int ExportDays, int OffsetDays, string? Output) Parse(string[] args)
    {
        string? store = null, output = null;
        var workspace = "bench";
        var servers = new List<(string, string)>();
        int rounds = 2, windowHours = 24, exportDays = 2, offsetDays = 0;
        for (var i = 0; i < args.Length; i += 2)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--store": store = Path.GetFullPath(value); break;
                case "--workspace": workspace = value; break;
                case "--server" when value.Split('=', 2) is [var name, var dll]: servers.Add((name, Path.GetFullPath(dll))); break;
                case "--rounds": rounds = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--window-hours": windowHours = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--offset-days": offsetDays = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--export-days": exportDays = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--output": output = Path.GetFullPath(value); break;
                default: throw new ArgumentException($"Unknown option {args[i]} {value}. Options: --store, --workspace, --server NAME=DLL (repeat), --rounds, --window-hours, --export-days, --offset-days, --output.");
            }
        }

        return store is null || servers.Count == 0
            ? throw new ArgumentException("--store and at least one --server NAME=DLL are required.")
            : (store, workspace, servers, rounds, windowHours, exportDays, offsetDays, output);
    }
}
