using System.Diagnostics;
using AgentLedger.Bench.Analytics;
using AgentLedger.Bench.Data;
using AgentLedger.Storage.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

// Analytics benchmark: fills a SQLite store through the bulk loader (the real writer's commit: records, sessions,
// chain and rollups, in large transactions), then pages the 90-day daily usage grouped by user and compares it, figure by figure and in
// time, with the same answer computed from the raw records. Usage: see BenchOptions. Results: docs/perf/analytics-sqlite.md.
var options = BenchOptions.Parse(args);
var database = new SqliteDatabase(Options.Create(new SqliteStorageOptions { Path = options.Database, Synchronous = SqliteSynchronous.Normal }));
var time = TimeProvider.System;
await new SqliteMigrator(database, time, NullLogger<SqliteMigrator>.Instance).MigrateAsync(CancellationToken.None);
var store = new SqliteWorkspaceStore(database, time);
await store.EnsureWorkspaceAsync(ActivityGenerator.WorkspaceId, "Benchmark", CancellationToken.None);
var firstDay = options.FirstDay;

var fill = Stopwatch.StartNew();
var (stored, _) = await new SqliteRecordReader(database).CountAsync(ActivityGenerator.WorkspaceId, CancellationToken.None);
if (stored == 0 || !options.Reuse)
{
    var generator = new ActivityGenerator(options.Records, options.Users, options.Days, firstDay, content: false);
    (stored, _) = await StoreFiller.FillAsync(new SqliteBulkLoader(database, time), generator, Console.Error);
}

fill.Stop();
var report = new BenchReport(options, database, stored, options.Reuse && fill.Elapsed < TimeSpan.FromSeconds(5) ? null : fill.Elapsed);
await report.DescribeStoreAsync();
var query = new PagedQueryRun(database, options, firstDay);
// The first pass runs right after the fill with a cold JIT; a server answers from warm code, so two more passes
// let tiered compilation settle and the last one is reported beside the first.
var cold = await query.RunAsync();
await query.RunAsync();
var warm = await query.RunAsync();
var raw = await RawRecordsQuery.RunAsync(database, firstDay, options.Days);
var mismatches = PagedQueryRun.Compare(warm.Rows, raw.Rows);
var text = report.Render(cold, warm, raw, mismatches);
Console.WriteLine(text);
if (options.Report is not null)
{
    await File.WriteAllTextAsync(options.Report, text);
}

return mismatches.Count == 0 ? 0 : 1;
