using System.Diagnostics;
using AgentLedger.Core.Ingestion;
using AgentLedger.Core.Keys;
using AgentLedger.Storage.PostgreSql;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AgentLedger.Bench.Scale;

/// <summary>
/// A PostgreSQL database. The loader's connections commit with <c>synchronous_commit=off</c> (a generator's choice:
/// nothing is acknowledged to anyone); the server opens the database with the plain connection string.
/// </summary>
public sealed class PostgreSqlTarget : StoreTarget
{
    private readonly string _connectionString;
    private readonly PostgreSqlDatabase _database;
    private readonly PostgreSqlDatabase _loading;

    public PostgreSqlTarget(string connectionString)
    {
        _connectionString = connectionString;
        _database = Open(connectionString);
        _loading = Open(new NpgsqlConnectionStringBuilder(connectionString) { Options = "-c synchronous_commit=off" }.ConnectionString);
        var options = Options.Create(new PostgreSqlStorageOptions { ConnectionString = connectionString });
        var partitions = new PostgreSqlRecordPartitions(_loading, options, TimeProvider.System, NullLogger<PostgreSqlRecordPartitions>.Instance);
        Loader = new PostgreSqlBulkLoader(_loading, new PostgreSqlRecordWriter(_loading, partitions, TimeProvider.System));
        Workspaces = new PostgreSqlWorkspaceStore(_database, TimeProvider.System);
    }

    public override IBulkRecordLoader Loader { get; }

    protected override IWorkspaceStore Workspaces { get; }

    public override IReadOnlyList<string> ServerArguments =>
        ["--Storage:Provider=PostgreSql", $"--Storage:PostgreSql:ConnectionString={_connectionString}"];

    public override async Task ResetAsync()
    {
        await using (var connection = await _database.OpenAsync(CancellationToken.None))
        {
            await ExecuteAsync(connection, "DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;");
        }

        await new PostgreSqlMigrator(_database, TimeProvider.System, NullLogger<PostgreSqlMigrator>.Instance).MigrateAsync(CancellationToken.None);
        await Workspaces.EnsureWorkspaceAsync(WorkspaceId, "Scale benchmark", CancellationToken.None);
    }

    public override async Task<long> SizeAsync()
    {
        await using var connection = await _database.OpenAsync(CancellationToken.None);
        await ExecuteAsync(connection, "CHECKPOINT");
        await using var command = new NpgsqlCommand("SELECT pg_database_size(current_database())", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public override async Task<DateTimeOffset?> FirstDayAsync()
    {
        await using var connection = await _database.OpenAsync(CancellationToken.None);
        await using var command = new NpgsqlCommand($"SELECT min(day_start) FROM usage_daily_totals WHERE workspace_id = '{WorkspaceId}'", connection);
        return await command.ExecuteScalarAsync() is DateTime day ? new DateTimeOffset(DateTime.SpecifyKind(day, DateTimeKind.Utc)) : null;
    }

    public override async Task<DateTimeOffset?> StartOfLatestAsync(long records)
    {
        await using var connection = await _database.OpenAsync(CancellationToken.None);
        await using var command = new NpgsqlCommand(
            $"SELECT occurred_at FROM records WHERE workspace_id = '{WorkspaceId}' ORDER BY occurred_at DESC LIMIT 1 OFFSET {records - 1}", connection);
        return await command.ExecuteScalarAsync() is DateTime at ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)) : null;
    }

    public override async Task<double> BareInsertSecondsAsync(long rows)
    {
        await using var connection = await _loading.OpenAsync(CancellationToken.None);
        await ExecuteAsync(connection, "DROP TABLE IF EXISTS bare_insert; CREATE TABLE bare_insert (LIKE records);");
        var clock = Stopwatch.StartNew();
        await ExecuteAsync(connection, $"INSERT INTO bare_insert SELECT * FROM records WHERE workspace_id = '{WorkspaceId}' AND seq <= {rows};");
        var seconds = clock.Elapsed.TotalSeconds;
        await ExecuteAsync(connection, "DROP TABLE bare_insert;");
        return seconds;
    }

    public override Task<double> RawOverviewSecondsAsync(DateTimeOffset from, DateTimeOffset to, TimeSpan timeout) =>
        TimeQueryAsync("""
            SELECT date_trunc('day', occurred_at, 'UTC') AS day, surface, count(*), sum(input_tokens + output_tokens), sum(coalesce(credits, 0)), count(DISTINCT user_id)
            FROM records WHERE workspace_id = $1 AND occurred_at >= $2 AND occurred_at < $3
            GROUP BY 1, 2
            """, from, to, timeout);

    public override Task<double> RawUsageSecondsAsync(DateTimeOffset from, DateTimeOffset to, TimeSpan timeout) =>
        TimeQueryAsync("""
            SELECT date_trunc('day', occurred_at, 'UTC') AS day, user_id, count(*), count(DISTINCT session_id), sum(input_tokens), sum(output_tokens), sum(coalesce(credits, 0))
            FROM records WHERE workspace_id = $1 AND occurred_at >= $2 AND occurred_at < $3
            GROUP BY 1, 2 ORDER BY 1, 2
            """, from, to, timeout);

    public override async ValueTask DisposeAsync()
    {
        await _database.DisposeAsync();
        await _loading.DisposeAsync();
    }

    private static PostgreSqlDatabase Open(string connectionString) =>
        new(Options.Create(new PostgreSqlStorageOptions { ConnectionString = connectionString }));

    /// <summary>Runs a query to its last row; NaN when it did not finish within <paramref name="timeout"/>.</summary>
    private async Task<double> TimeQueryAsync(string sql, DateTimeOffset from, DateTimeOffset to, TimeSpan timeout)
    {
        await using var connection = await _database.OpenAsync(CancellationToken.None);
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = (int)timeout.TotalSeconds };
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = WorkspaceId });
        command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = from.UtcDateTime });
        command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = to.UtcDateTime });
        var clock = Stopwatch.StartNew();
        try
        {
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
            }

            return clock.Elapsed.TotalSeconds;
        }
        catch (NpgsqlException e) when (e.InnerException is TimeoutException || e is PostgresException { SqlState: "57014" })
        {
            return double.NaN;
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }
}
