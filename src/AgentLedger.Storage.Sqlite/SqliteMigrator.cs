using System.Reflection;
using Dapper;
using Microsoft.Extensions.Logging;

namespace AgentLedger.Storage.Sqlite;

/// <summary>Applies the numbered scripts under Migrations/ in order, each in its own transaction, once.</summary>
public sealed partial class SqliteMigrator(SqliteDatabase database, TimeProvider time, ILogger<SqliteMigrator> logger)
{
    private const string ResourcePrefix = "AgentLedger.Storage.Sqlite.Migrations.";

    /// <summary>Every migration shipped in this build, by version.</summary>
    public static IReadOnlyList<(int Version, string Name)> Available() =>
        typeof(SqliteMigrator).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n => n[ResourcePrefix.Length..^4])
            .Select(n => (Version: int.Parse(n[..n.IndexOf('_', StringComparison.Ordinal)]), Name: n))
            .OrderBy(m => m.Version)
            .ToList();

    /// <summary>Applies pending migrations; returns how many were applied.</summary>
    public async Task<int> MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync("""
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version    INTEGER NOT NULL PRIMARY KEY,
                name       TEXT    NOT NULL,
                applied_at INTEGER NOT NULL
            ) STRICT
            """).ConfigureAwait(false);
        var applied = (await connection.QueryAsync<int>("SELECT version FROM schema_migrations").ConfigureAwait(false)).ToHashSet();
        var count = 0;
        foreach (var (version, name) in Available())
        {
            if (applied.Contains(version))
            {
                continue;
            }

            var sql = await ReadScriptAsync(name).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await connection.ExecuteAsync(sql, transaction: transaction).ConfigureAwait(false);
            await connection.ExecuteAsync(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@version, @name, @at)",
                new { version, name, at = time.GetUtcNow().ToUnixTimeMilliseconds() * 1000 },
                transaction).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            LogApplied(logger, name, database.FilePath);
            count++;
        }

        // Records stored before the hash chain existed (migration 5) are chained now, before anything appends.
        var chained = await SqliteRecordChainBackfill.RunAsync(connection, cancellationToken).ConfigureAwait(false);
        if (chained > 0)
        {
            LogChained(logger, chained, database.FilePath);
        }

        return count;
    }

    /// <summary>Versions not yet applied; empty when the schema is current.</summary>
    public async Task<IReadOnlyList<int>> PendingAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var exists = await connection.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").ConfigureAwait(false);
        var applied = exists == 0 ? [] : (await connection.QueryAsync<int>("SELECT version FROM schema_migrations").ConfigureAwait(false)).ToHashSet();
        return Available().Select(m => m.Version).Where(v => !applied.Contains(v)).ToList();
    }

    private static async Task<string> ReadScriptAsync(string name)
    {
        await using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourcePrefix + name + ".sql")
            ?? throw new InvalidOperationException($"Migration {name} is not embedded.");
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync().ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Hashed {Count} records stored before the record chain into it, in {Path}")]
    private static partial void LogChained(ILogger logger, long count, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied migration {Name} to {Path}")]
    private static partial void LogApplied(ILogger logger, string name, string path);
}
