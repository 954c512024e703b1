using Microsoft.Data.Sqlite;

namespace AgentLedger.CrashTest;

/// <summary>
/// Sums of the hourly rollups, read straight from the SQLite file (no HTTP endpoint serves them yet). WAL mode lets
/// this read-only connection run beside the live server. A record or a thread counted twice shows up here.
/// </summary>
public sealed record RollupTotals(long Records, long Threads, long InputTokens, long OutputTokens)
{
    public static async Task<RollupTotals> ReadAsync(string databasePath, string workspaceId, CancellationToken cancellationToken)
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = databasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT coalesce(sum(records), 0), coalesce(sum(threads), 0), coalesce(sum(input_tokens), 0), coalesce(sum(output_tokens), 0)
            FROM usage_hourly WHERE workspace_id = $ws
            """;
        command.Parameters.AddWithValue("$ws", workspaceId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return new RollupTotals(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
    }
}
