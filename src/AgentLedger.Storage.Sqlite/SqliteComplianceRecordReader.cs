using AgentLedger.Core.Compliance;
using AgentLedger.Core.Records;
using Microsoft.Data.Sqlite;

namespace AgentLedger.Storage.Sqlite;

/// <summary>Filtered compliance reads: a primary-key range scan on (workspace_id, seq), or the session index.</summary>
public sealed class SqliteComplianceRecordReader(SqliteDatabase database) : IComplianceRecordReader
{
    public async Task<IReadOnlyList<ActivityRecord>> ReadAsync(
        string workspaceId, RecordFilter filter, long afterSeq, long uptoSeq, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.Parameters.AddWithValue("$ws", workspaceId);
        command.Parameters.AddWithValue("$after", afterSeq);
        command.Parameters.AddWithValue("$upto", uptoSeq);
        command.Parameters.AddWithValue("$limit", limit);
        var where = SqliteRecordFilterSql.Where(filter, command);
        command.CommandText = $"""
            SELECT {SqliteRecordColumns.SelectList} FROM records
            WHERE workspace_id = $ws AND seq > $after AND seq <= $upto{where}
            ORDER BY seq LIMIT $limit
            """;
        return await ReadAllAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<ActivityRecord>> ReadSessionAsync(
        string workspaceId, string sessionId, long afterSeq, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT {SqliteRecordColumns.SelectList} FROM records
            WHERE workspace_id = $ws AND session_id = $session AND seq > $after
            ORDER BY seq LIMIT $limit
            """;
        command.Parameters.AddWithValue("$ws", workspaceId);
        command.Parameters.AddWithValue("$session", sessionId);
        command.Parameters.AddWithValue("$after", afterSeq);
        command.Parameters.AddWithValue("$limit", limit);
        return await ReadAllAsync(command, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<IReadOnlyList<ActivityRecord>> ReadAllAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var records = new List<ActivityRecord>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            records.Add(SqliteRecordColumns.Read(reader));
        }

        return records;
    }
}
