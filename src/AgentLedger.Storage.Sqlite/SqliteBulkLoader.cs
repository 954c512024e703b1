using AgentLedger.Core.Ingestion;
using AgentLedger.Core.Records;
using Microsoft.Data.Sqlite;

namespace AgentLedger.Storage.Sqlite;

/// <summary>
/// <see cref="IBulkRecordLoader"/> for SQLite: every chunk goes through <see cref="SqliteRecordWriter"/>'s own group
/// commit (dedupe, users, sessions, chain, rollups, DLP findings), on one connection with
/// <c>synchronous=OFF</c> and <c>journal_mode=OFF</c> (a crash during the load loses the file, which is why this is a
/// loader and not ingest), a large page cache, and the non-unique indexes of <c>records</c>, <c>dlp_findings</c> and
/// <c>active_user_last_days</c> dropped; they are rebuilt from their own definitions at the end (one sort each instead of
/// a random B-tree insert per row) and the connection's pragmas are restored. The unique event-id index stays, so
/// duplicates are still found exactly as the writer finds them.
/// </summary>
public sealed class SqliteBulkLoader(SqliteDatabase database, TimeProvider time) : IBulkRecordLoader
{
    // active_user_last_days: its day index would move an entry for every user, day and value loaded.
    private static readonly string[] IndexedTables = ["records", "dlp_findings", "active_user_last_days"];

    public async Task<long> LoadAsync(IEnumerable<IReadOnlyList<ActivityRecord>> chunks, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        // Idle pooled connections of this file would keep it in WAL mode; the load needs the file to itself.
        SqliteConnection.ClearAllPools();
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync("PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-262144; PRAGMA temp_store=MEMORY;",
            cancellationToken, commandTimeout: 0).ConfigureAwait(false);
        var dropped = await DropSecondaryIndexesAsync(connection, cancellationToken).ConfigureAwait(false);
        var writer = new SqliteRecordWriter(database, time);
        var stored = 0L;
        try
        {
            foreach (var chunk in chunks)
            {
                var outcomes = await writer.AppendCoreAsync(connection, chunk, cancellationToken).ConfigureAwait(false);
                foreach (var outcome in outcomes)
                {
                    stored += outcome.Stored ? 1 : 0;
                }

                progress?.Report(stored);
            }
        }
        finally
        {
            // Rebuilt even when a chunk failed: the committed chunks stay queryable with every index.
            foreach (var sql in dropped)
            {
                await connection.ExecuteAsync(sql, CancellationToken.None, commandTimeout: 0).ConfigureAwait(false);
            }

            await connection.ExecuteAsync("PRAGMA journal_mode=WAL; PRAGMA optimize;", CancellationToken.None, commandTimeout: 0).ConfigureAwait(false);
            await writer.DisposeAsync().ConfigureAwait(false);
        }

        return stored;
    }

    private static async Task<List<string>> DropSecondaryIndexesAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        var definitions = new List<(string Name, string Sql)>();
        await using (var command = connection.CreateCommand())
        {
            // sql is NULL for the automatic indexes of primary keys and UNIQUE constraints, which stay
            command.CommandText = $"""
                SELECT name, sql FROM sqlite_master
                WHERE type = 'index' AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'
                  AND tbl_name IN ({string.Join(", ", IndexedTables.Select(t => $"'{t}'"))})
                ORDER BY name
                """;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                definitions.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        foreach (var (name, _) in definitions)
        {
            await connection.ExecuteAsync($"DROP INDEX \"{name}\"", cancellationToken, commandTimeout: 0).ConfigureAwait(false);
        }

        return definitions.Select(d => d.Sql).ToList();
    }
}
