using Microsoft.Data.Sqlite;

namespace AgentLedger.Storage.Sqlite;

/// <summary>One-off statements on a connection of its own (maintenance: the bulk loader, the store rebuild).</summary>
internal static class SqliteConnectionExtensions
{
    /// <param name="commandTimeout">Seconds to wait on a locked database (0: no limit); the connection's default when null.</param>
    public static async Task ExecuteAsync(this SqliteConnection connection, string sql, CancellationToken cancellationToken, int? commandTimeout = null)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        if (commandTimeout is { } seconds)
        {
            command.CommandTimeout = seconds;
        }

        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public static async Task<object?> ScalarAsync(this SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }
}
