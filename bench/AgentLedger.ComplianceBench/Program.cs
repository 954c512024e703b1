using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using AgentLedger.Bench;
using AgentLedger.ComplianceBench;
using BenchmarkDotNet.Running;

// `formats`: BenchmarkDotNet over the per-record cost of each output format (LineFormatBenchmarks).
if (args is ["formats", .. var rest])
{
    BenchmarkRunner.Run<LineFormatBenchmarks>(args: rest);
    return 0;
}

// `window`: time-windowed reads of an existing store by several server builds, back to back (WindowCommand).
if (args is ["window", .. var windowArgs])
{
    return await WindowCommand.RunAsync(windowArgs);
}

// Otherwise: seeds N records (reusing an earlier seed of the same size), starts the built server on them with log sealing off
// (so that only the export runs), warms the export path up with a tiny export, then runs a small and the full export
// and prints the figures as markdown.
var options = BenchOptions.Parse(args);
Directory.CreateDirectory(options.Folder);
var databasePath = Path.Combine(options.Folder, "agentledger.db");
var key = await Seeder.SeedAsync(databasePath, options.Records);
var exports = Path.Combine(options.Folder, "exports");
await using var server = await ServerProcess.StartAsync(options.ServerDll, Path.Combine(options.Folder, "server.log"),
    [$"--Storage:Sqlite:Path={databasePath}", $"--Compliance:Exports:Path={exports}", "--Compliance:Logs:SealingEnabled=false",
     "--Compliance:Exports:PollInterval=00:00:00.100"], null, TimeSpan.FromMinutes(2), CancellationToken.None);
using var client = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromHours(1) };
client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
var startedRss = server.StatusKiB("VmRSS");

// time windows over the seed's 90 days select about the requested number of records
var start = new DateTimeOffset(2026, 8, 1, 0, 0, 0, TimeSpan.Zero);
JsonObject Window(int records) => new()
{
    ["start_time"] = start.ToString("O", CultureInfo.InvariantCulture),
    ["end_time"] = start.AddSeconds(90.0 * 86400 * records / options.Records).ToString("O", CultureInfo.InvariantCulture),
};

var runs = new List<ExportRun>();
await ExportRun.RunAsync("warm-up", server, client, Window(1_000), options.Folder);
runs.Add(await ExportRun.RunAsync($"export-{options.SmallExport}", server, client, Window(options.SmallExport), options.Folder));
runs.Add(await ExportRun.RunAsync($"export-{options.Records}", server, client, new JsonObject(), options.Folder));
var feeds = new List<FeedRun>();
foreach (var format in new[] { "ndjson", "ocsf" })
{
    feeds.Add(await FeedRun.RunAsync(format, server, client));
}

var report = new StringBuilder();
report.AppendLine(CultureInfo.InvariantCulture, $"Server RSS after start: {startedRss / 1024.0:N1} MiB; peak over its life (VmHWM): {server.StatusKiB("VmHWM") / 1024.0:N1} MiB");
report.AppendLine();
report.AppendLine(CultureInfo.InvariantCulture, $"Machine load average when done: {File.ReadAllText("/proc/loadavg").Trim()}");
report.AppendLine();
report.AppendLine("| export | records | package MiB | job s | records/s | MiB/s | server CPU s | records per CPU s | RSS before MiB | peak RSS during MiB | tar download s | sha256sum -c |");
report.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
foreach (var run in runs)
{
    report.AppendLine(CultureInfo.InvariantCulture,
        $"| {run.Name} | {run.Records:N0} | {run.Bytes / 1_048_576.0:N1} | {run.JobSeconds:N1} | {run.RecordsPerSecond:N0} | {run.MegabytesPerSecond:N1} | " +
        $"{run.CpuSeconds:N1} | {run.RecordsPerCpuSecond:N0} | " +
        $"{run.BaselineRssKiB / 1024.0:N1} | {run.PeakRssKiB / 1024.0:N1} | {run.DownloadSeconds:N1} | {(run.Verified ? "OK" : "FAILED")} |");
}

report.AppendLine();
foreach (var run in runs)
{
    report.AppendLine(CultureInfo.InvariantCulture, $"{run.Name}: sha256sum -c → {run.VerifyOutput.Replace('\n', ';')}");
}

report.AppendLine();
report.AppendLine("| streamed feed, whole workspace | records | MiB | s | records/s | MiB/s | server CPU s | records per CPU s | RSS before MiB | peak RSS during MiB |");
report.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
foreach (var feed in feeds)
{
    report.AppendLine(CultureInfo.InvariantCulture,
        $"| format={feed.Format} | {feed.Records:N0} | {feed.Bytes / 1_048_576.0:N1} | {feed.Seconds:N1} | {feed.Records / feed.Seconds:N0} | " +
        $"{feed.Bytes / 1_048_576.0 / feed.Seconds:N1} | {feed.CpuSeconds:N1} | {feed.Records / feed.CpuSeconds:N0} | {feed.BaselineRssKiB / 1024.0:N1} | " +
        $"{feed.PeakRssKiB / 1024.0:N1} |");
}

Console.WriteLine(report);
if (options.Output is not null)
{
    await File.WriteAllTextAsync(options.Output, report.ToString());
}

return runs.All(r => r.Verified) && feeds.All(f => f.Records == options.Records) ? 0 : 1;
