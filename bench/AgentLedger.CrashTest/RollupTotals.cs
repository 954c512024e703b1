using Microsoft.Data.Sqlite;

namespace AgentLedger.CrashTest;

/// <summary>
/// Sums of the rollups, read straight from the SQLite file (no HTTP endpoint serves them raw). WAL mode lets this
/// read-only connection run beside the live server. A record or a thread counted twice shows up here.
/// </summary>
public sealed record RollupTotals(long Records, long Threads, long InputTokens, long OutputTokens)
{
    /// <summary>The rollups that carry the same sums as usage_hourly, grouped differently.</summary>
    private static readonly string[] DerivedTables = ["usage_daily", "usage_daily_totals"];

    /// <summary>The sums of usage_hourly.</summary>
    public static async Task<RollupTotals> ReadAsync(string databasePath, string workspaceId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(databasePath, cancellationToken).ConfigureAwait(false);
        return await ReadTableAsync(connection, "usage_hourly", workspaceId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// What disagrees between usage_hourly's sums and the daily rollups kept beside it (per user, and user-free), and
    /// between the active-user membership rows, their per-day counts and the users of usage_daily: each must hold after
    /// a crash and the re-sends, whatever part of a commit the kill interrupted.
    /// </summary>
    public static async Task<IReadOnlyList<string>> ReadMismatchesAsync(string databasePath, string workspaceId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(databasePath, cancellationToken).ConfigureAwait(false);
        var mismatches = new List<string>();
        var hourly = await ReadTableAsync(connection, "usage_hourly", workspaceId, cancellationToken).ConfigureAwait(false);
        foreach (var table in DerivedTables)
        {
            var sums = await ReadTableAsync(connection, table, workspaceId, cancellationToken).ConfigureAwait(false);
            if (sums != hourly)
            {
                mismatches.Add($"{table} sums {sums} differ from usage_hourly's {hourly}");
            }
        }

        var membership = await ScalarAsync(connection, "SELECT count(*) FROM active_user_days WHERE workspace_id = $ws", workspaceId, cancellationToken).ConfigureAwait(false);
        var counted = await ScalarAsync(connection, "SELECT coalesce(sum(users), 0) FROM active_user_day_counts WHERE workspace_id = $ws", workspaceId, cancellationToken).ConfigureAwait(false);
        if (membership != counted)
        {
            mismatches.Add($"active_user_day_counts sum to {counted} users for {membership} rows of active_user_days");
        }

        var userDays = await ScalarAsync(
            connection,
            "SELECT count(*) FROM (SELECT DISTINCT day_start, user_id FROM usage_daily WHERE workspace_id = $ws AND user_id <> '' AND records > 0)",
            workspaceId, cancellationToken).ConfigureAwait(false);
        var workspaceRows = await ScalarAsync(
            connection, "SELECT count(*) FROM active_user_days WHERE workspace_id = $ws AND dimension = 'workspace'", workspaceId, cancellationToken).ConfigureAwait(false);
        if (userDays != workspaceRows)
        {
            mismatches.Add($"active_user_days holds {workspaceRows} workspace user-days for {userDays} in usage_daily");
        }

        return mismatches;
    }

    private static async Task<SqliteConnection> OpenAsync(string databasePath, CancellationToken cancellationToken)
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = databasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }

    private static async Task<RollupTotals> ReadTableAsync(SqliteConnection connection, string table, string workspaceId, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT coalesce(sum(records), 0), coalesce(sum(threads), 0), coalesce(sum(input_tokens), 0), coalesce(sum(output_tokens), 0)
            FROM {table} WHERE workspace_id = $ws
            """;
        command.Parameters.AddWithValue("$ws", workspaceId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return new RollupTotals(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
    }

    private static async Task<long> ScalarAsync(SqliteConnection connection, string sql, string workspaceId, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$ws", workspaceId);
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }
}
