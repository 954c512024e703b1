using AgentLedger.Core.Records;

namespace AgentLedger.Storage.Sqlite;

/// <summary>Reads records by seq through the primary key: constant cost per page, whatever the history.</summary>
public sealed class SqliteRecordReader(SqliteDatabase database) : IRecordReader
{
    public async Task<IReadOnlyList<ActivityRecord>> ReadAfterSeqAsync(string workspaceId, long afterSeq, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT {SqliteRecordColumns.SelectList} FROM records
            WHERE workspace_id = $ws AND seq > $after ORDER BY seq LIMIT $limit
            """;
        command.Parameters.AddWithValue("$ws", workspaceId);
        command.Parameters.AddWithValue("$after", afterSeq);
        command.Parameters.AddWithValue("$limit", limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var records = new List<ActivityRecord>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            records.Add(SqliteRecordColumns.Read(reader));
        }

        return records;
    }

    public async Task<(long Count, long LastSeq)> CountAsync(string workspaceId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        // seq is gap-free from 1, so the last seq is the count: no table scan.
        command.CommandText = "SELECT last_seq FROM workspaces WHERE workspace_id = $ws";
        command.Parameters.AddWithValue("$ws", workspaceId);
        var last = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as long? ?? 0;
        return (last, last);
    }
}
