using System.Diagnostics;
using AgentLedger.Core.Keys;
using AgentLedger.Storage.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AgentLedger.ComplianceBench;

/// <summary>
/// Fills a fresh SQLite database through the real migrator, workspace store and record writer (5,000 records per
/// commit, as the ingest writer commits), and makes a key with compliance.admin. A seeded folder is reused.
/// </summary>
public static class Seeder
{
    public const string WorkspaceId = "bench";
    private const int Batch = 5_000;

    public static async Task<string> SeedAsync(string databasePath, int records)
    {
        var marker = databasePath + $".seeded-{records}.key";
        if (File.Exists(marker))
        {
            Console.WriteLine($"Reusing the seeded database {databasePath}");
            return (await File.ReadAllTextAsync(marker)).Trim();
        }

        foreach (var stale in Directory.EnumerateFiles(Path.GetDirectoryName(databasePath)!, Path.GetFileName(databasePath) + "*"))
        {
            File.Delete(stale);
        }

        var time = TimeProvider.System;
        var database = new SqliteDatabase(Options.Create(new SqliteStorageOptions { Path = databasePath, Synchronous = SqliteSynchronous.Normal }));
        await new SqliteMigrator(database, time, NullLogger<SqliteMigrator>.Instance).MigrateAsync(CancellationToken.None);
        var store = new SqliteWorkspaceStore(database, time);
        await store.EnsureWorkspaceAsync(WorkspaceId, "Export benchmark", CancellationToken.None);
        var secret = ApiKeySecret.Generate();
        await store.CreateApiKeyAsync(
            new ApiKeyInfo(secret.KeyId, WorkspaceId, "bench", ApiKeyScope.ComplianceAdmin, secret.Hash(), time.GetUtcNow(), null), CancellationToken.None);

        await using var writer = new SqliteRecordWriter(database, time);
        var watch = Stopwatch.StartNew();
        var pending = new List<Core.Records.ActivityRecord>(Batch);
        var written = 0;
        foreach (var record in SyntheticRecords.Generate(WorkspaceId, records, new DateTimeOffset(2026, 8, 1, 0, 0, 0, TimeSpan.Zero)))
        {
            pending.Add(record);
            if (pending.Count == Batch)
            {
                written += await FlushAsync(writer, pending);
                if (written % 100_000 == 0)
                {
                    Console.WriteLine($"  seeded {written:N0} records ({written / watch.Elapsed.TotalSeconds:N0}/s)");
                }
            }
        }

        written += await FlushAsync(writer, pending);
        Console.WriteLine($"Seeded {written:N0} records in {watch.Elapsed.TotalSeconds:N0} s");
        await File.WriteAllTextAsync(marker, secret.Token);
        return secret.Token;
    }

    private static async Task<int> FlushAsync(SqliteRecordWriter writer, List<Core.Records.ActivityRecord> pending)
    {
        var outcomes = await writer.AppendAsync(pending, CancellationToken.None);
        pending.Clear();
        return outcomes.Count(o => o.Stored);
    }
}
