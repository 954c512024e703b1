using System.Diagnostics;
using AgentLedger.Core.Ingestion;
using AgentLedger.Core.Keys;
using AgentLedger.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AgentLedger.Bench.Scale;

/// <summary>A SQLite database file, as the server opens it by default (WAL, synchronous=FULL).</summary>
public sealed class SqliteTarget : StoreTarget
{
    private readonly string _path;
    private readonly SqliteDatabase _database;

    public SqliteTarget(string path)
    {
        _path = Path.GetFullPath(path);
        _database = new SqliteDatabase(Options.Create(new SqliteStorageOptions { Path = _path }));
        Loader = new SqliteBulkLoader(_database, TimeProvider.System);
        Workspaces = new SqliteWorkspaceStore(_database, TimeProvider.System);
    }

    public override IBulkRecordLoader Loader { get; }

    protected override IWorkspaceStore Workspaces { get; }

    public override IReadOnlyList<string> ServerArguments => ["--Storage:Provider=Sqlite", $"--Storage:Sqlite:Path={_path}"];

    public override async Task ResetAsync()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm", _path + "-journal" }.Where(File.Exists))
        {
            File.Delete(file);
        }

        await new SqliteMigrator(_database, TimeProvider.System, NullLogger<SqliteMigrator>.Instance).MigrateAsync(CancellationToken.None);
        await Workspaces.EnsureWorkspaceAsync(WorkspaceId, "Scale benchmark", CancellationToken.None);
    }

    public override Task<long> SizeAsync() =>
        Task.FromResult(new[] { _path, _path + "-wal" }.Where(File.Exists).Sum(f => new FileInfo(f).Length));

    public override async Task<DateTimeOffset?> FirstDayAsync()
    {
        await using var connection = await _database.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT min(day_start) FROM usage_daily_totals WHERE workspace_id = '{WorkspaceId}'";
        return await command.ExecuteScalarAsync() is long seconds ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;
    }

    public override async Task<DateTimeOffset?> StartOfLatestAsync(long records)
    {
        await using var connection = await _database.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT occurred_at FROM records WHERE workspace_id = '{WorkspaceId}' ORDER BY occurred_at DESC LIMIT 1 OFFSET {records - 1}";
        return await command.ExecuteScalarAsync() is long micros ? DateTimeOffset.UnixEpoch.AddTicks(micros * 10) : null;
    }

    public override async Task<double> BareInsertSecondsAsync(long rows)
    {
        await using var connection = await _database.OpenAsync(CancellationToken.None);
        await ExecuteAsync(connection, "DROP TABLE IF EXISTS bare_insert; CREATE TABLE bare_insert AS SELECT * FROM records WHERE 0; PRAGMA synchronous=OFF;");
        var clock = Stopwatch.StartNew();
        await ExecuteAsync(connection, $"BEGIN; INSERT INTO bare_insert SELECT * FROM records WHERE workspace_id = '{WorkspaceId}' AND seq <= {rows}; COMMIT;");
        var seconds = clock.Elapsed.TotalSeconds;
        await ExecuteAsync(connection, "DROP TABLE bare_insert;");
        return seconds;
    }

    public override Task<double> RawOverviewSecondsAsync(DateTimeOffset from, DateTimeOffset to, TimeSpan timeout) =>
        TimeQueryAsync($"""
            SELECT occurred_at / 86400000000 AS day, surface, count(*), sum(input_tokens + output_tokens), sum(coalesce(credits_micros, 0)), count(DISTINCT user_id)
            FROM records WHERE workspace_id = '{WorkspaceId}' AND occurred_at >= {AgentLedger.Core.Integrity.RecordChain.Micros(from)} AND occurred_at < {AgentLedger.Core.Integrity.RecordChain.Micros(to)}
            GROUP BY day, surface
            """, timeout);

    public override Task<double> RawUsageSecondsAsync(DateTimeOffset from, DateTimeOffset to, TimeSpan timeout) =>
        TimeQueryAsync($"""
            SELECT occurred_at / 86400000000 AS day, user_id, count(*), count(DISTINCT session_id), sum(input_tokens), sum(output_tokens), sum(coalesce(credits_micros, 0))
            FROM records WHERE workspace_id = '{WorkspaceId}' AND occurred_at >= {AgentLedger.Core.Integrity.RecordChain.Micros(from)} AND occurred_at < {AgentLedger.Core.Integrity.RecordChain.Micros(to)}
            GROUP BY day, user_id ORDER BY day, user_id
            """, timeout);

    public override ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        return ValueTask.CompletedTask;
    }

    /// <summary>Runs a query to its last row; NaN when it did not finish within <paramref name="timeout"/>.</summary>
    private async Task<double> TimeQueryAsync(string sql, TimeSpan timeout)
    {
        await using var connection = await _database.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0;
        using var cancel = new CancellationTokenSource(timeout);
        await using var registration = cancel.Token.Register(() => command.Cancel());
        var clock = Stopwatch.StartNew();
        try
        {
            await using var reader = await command.ExecuteReaderAsync(cancel.Token);
            while (await reader.ReadAsync(cancel.Token))
            {
            }

            return clock.Elapsed.TotalSeconds;
        }
        catch (Exception e) when (cancel.IsCancellationRequested && e is SqliteException or OperationCanceledException)
        {
            return double.NaN;
        }
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync();
    }
}
