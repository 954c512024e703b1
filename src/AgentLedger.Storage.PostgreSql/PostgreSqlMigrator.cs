using System.Reflection;
using Dapper;
using Microsoft.Extensions.Logging;

namespace AgentLedger.Storage.PostgreSql;

/// <summary>
/// Applies the numbered scripts under Migrations/ in order, each in its own transaction (PostgreSQL's DDL is
/// transactional, so a failed script leaves nothing behind), once. An advisory lock makes instances that start
/// together take turns; the second finds the work done.
/// </summary>
public sealed partial class PostgreSqlMigrator(PostgreSqlDatabase database, TimeProvider time, ILogger<PostgreSqlMigrator> logger)
{
    private const string ResourcePrefix = "AgentLedger.Storage.PostgreSql.Migrations.";

    /// <summary>Every migration shipped in this build, by version.</summary>
    public static IReadOnlyList<(int Version, string Name)> Available() =>
        typeof(PostgreSqlMigrator).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n => n[ResourcePrefix.Length..^4])
            .Select(n => (Version: int.Parse(n[..n.IndexOf('_', StringComparison.Ordinal)]), Name: n))
            .OrderBy(m => m.Version)
            .ToList();

    /// <summary>Applies pending migrations; returns how many were applied.</summary>
    public async Task<int> MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            "SELECT pg_advisory_lock(@key)", new { key = PostgreSqlLockKeys.Migrations }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version    integer     NOT NULL PRIMARY KEY,
                    name       text        NOT NULL,
                    applied_at timestamptz NOT NULL
                )
                """, cancellationToken: cancellationToken)).ConfigureAwait(false);
            var applied = (await connection.QueryAsync<int>(new CommandDefinition(
                "SELECT version FROM schema_migrations", cancellationToken: cancellationToken)).ConfigureAwait(false)).ToHashSet();
            var count = 0;
            foreach (var (version, name) in Available())
            {
                if (applied.Contains(version))
                {
                    continue;
                }

                var sql = await ReadScriptAsync(name).ConfigureAwait(false);
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                // No command timeout: a migration that backfills a rollup of a large store runs for minutes (0012 on
                // 10M records), and the connection string's default (30 s) would abort it; cancellation still stops it.
                await connection.ExecuteAsync(new CommandDefinition(sql, transaction: transaction, commandTimeout: 0, cancellationToken: cancellationToken))
                    .ConfigureAwait(false);
                await connection.ExecuteAsync(new CommandDefinition(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@version, @name, @at)",
                    new { version, name, at = time.GetUtcNow().UtcDateTime },
                    transaction,
                    cancellationToken: cancellationToken)).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                LogApplied(logger, name, database.DatabaseName, database.Host);
                count++;
            }

            // Records stored before the hash chain existed (migration 5) are chained now, before anything appends.
            var chained = await PostgreSqlRecordChainBackfill.RunAsync(connection, cancellationToken).ConfigureAwait(false);
            if (chained > 0)
            {
                LogChained(logger, chained, database.DatabaseName);
            }

            return count;
        }
        finally
        {
            // A broken connection has lost its session, and the lock with it; only a live one needs to let go.
            if (connection.State == System.Data.ConnectionState.Open)
            {
                await connection.ExecuteAsync("SELECT pg_advisory_unlock(@key)", new { key = PostgreSqlLockKeys.Migrations }).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Versions not yet applied; empty when the schema is current.</summary>
    public async Task<IReadOnlyList<int>> PendingAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var exists = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT to_regclass('schema_migrations') IS NOT NULL", cancellationToken: cancellationToken)).ConfigureAwait(false);
        var applied = exists
            ? (await connection.QueryAsync<int>(new CommandDefinition("SELECT version FROM schema_migrations", cancellationToken: cancellationToken))
                .ConfigureAwait(false)).ToHashSet()
            : [];
        return Available().Select(m => m.Version).Where(v => !applied.Contains(v)).ToList();
    }

    private static async Task<string> ReadScriptAsync(string name)
    {
        await using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourcePrefix + name + ".sql")
            ?? throw new InvalidOperationException($"Migration {name} is not embedded.");
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync().ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Hashed {Count} records stored before the record chain into it, in database {Database}")]
    private static partial void LogChained(ILogger logger, long count, string database);

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied migration {Name} to database {Database} on {Host}")]
    private static partial void LogApplied(ILogger logger, string name, string database, string host);
}
