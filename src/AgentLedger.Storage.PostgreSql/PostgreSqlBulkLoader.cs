using AgentLedger.Core.Ingestion;
using AgentLedger.Core.Records;
using Npgsql;

namespace AgentLedger.Storage.PostgreSql;

/// <summary>
/// <see cref="IBulkRecordLoader"/> for PostgreSQL: every chunk goes through <see cref="PostgreSqlRecordWriter"/>'s own
/// commit (locks, dedupe against <c>record_event_ids</c>, users, sessions, chain, binary COPY of the records,
/// rollups, DLP findings) except the active-user membership rows, which are rebuilt from the daily rollup at the end
/// (per commit they were most of the load's time). The non-unique indexes of <c>records</c> (on every monthly
/// partition) and <c>dlp_findings</c> are dropped during the load and rebuilt from their own definitions at the end,
/// then the tables analysed. Primary keys and unique indexes stay, so the writer's guarantees hold throughout. Durability per
/// commit is the connection string's business: a generator may pass <c>Options=-c synchronous_commit=off</c>.
/// </summary>
public sealed class PostgreSqlBulkLoader(PostgreSqlDatabase database, PostgreSqlRecordWriter writer) : IBulkRecordLoader
{
    private static readonly string[] IndexedTables = ["records", "dlp_findings"];

    public async Task<long> LoadAsync(IEnumerable<IReadOnlyList<ActivityRecord>> chunks, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var dropped = await DropSecondaryIndexesAsync(cancellationToken).ConfigureAwait(false);
        var stored = 0L;
        var workspaces = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            foreach (var chunk in chunks)
            {
                workspaces.UnionWith(chunk.Select(r => r.WorkspaceId));
                var outcomes = await writer.AppendAsync(chunk, memberships: false, cancellationToken).ConfigureAwait(false);
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
            await using var connection = await database.OpenAsync(CancellationToken.None).ConfigureAwait(false);
            await ExecuteAsync(connection, "SET maintenance_work_mem = '512MB'", CancellationToken.None).ConfigureAwait(false);
            if (workspaces.Count > 0)
            {
                // The chunks skipped the active-user membership rows; rebuilt here from the daily rollup, in one transaction.
                await using var transaction = await connection.BeginTransactionAsync(CancellationToken.None).ConfigureAwait(false);
                await PostgreSqlDailyGroupRollups.RebuildMembershipsAsync(connection, transaction, [.. workspaces], CancellationToken.None).ConfigureAwait(false);
                await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
            }

            foreach (var sql in dropped)
            {
                await ExecuteAsync(connection, sql, CancellationToken.None).ConfigureAwait(false);
            }

            await ExecuteAsync(connection, "ANALYZE records; ANALYZE record_event_ids; ANALYZE sessions; ANALYZE usage_hourly; ANALYZE usage_daily; ANALYZE usage_daily_totals; "
                + "ANALYZE active_user_days; ANALYZE active_user_day_counts; ANALYZE active_user_last_days; ANALYZE dlp_findings",
                CancellationToken.None).ConfigureAwait(false);
        }

        return stored;
    }

    /// <summary>
    /// Drops the non-unique indexes of the big tables and returns their definitions. An index of the partitioned
    /// <c>records</c> is defined <c>ON ONLY records</c>; it is re-created without <c>ONLY</c>, which builds it on every
    /// partition as the migration did.
    /// </summary>
    private async Task<List<string>> DropSecondaryIndexesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var definitions = new List<(string Name, string Sql)>();
        await using (var command = new NpgsqlCommand("""
            SELECT c.relname, pg_get_indexdef(i.indexrelid)
            FROM pg_index i
            JOIN pg_class c ON c.oid = i.indexrelid
            JOIN pg_class t ON t.oid = i.indrelid
            WHERE t.relname = ANY($1) AND t.relnamespace = current_schema()::regnamespace AND NOT i.indisunique AND NOT i.indisprimary
            ORDER BY c.relname
            """, connection))
        {
            command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = IndexedTables });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                definitions.Add((reader.GetString(0), reader.GetString(1).Replace(" ON ONLY ", " ON ", StringComparison.Ordinal)));
            }
        }

        foreach (var (name, _) in definitions)
        {
            await ExecuteAsync(connection, $"DROP INDEX \"{name}\"", cancellationToken).ConfigureAwait(false);
        }

        return definitions.Select(d => d.Sql).ToList();
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
