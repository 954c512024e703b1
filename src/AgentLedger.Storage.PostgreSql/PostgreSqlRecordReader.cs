using AgentLedger.Core.Records;
using Npgsql;

namespace AgentLedger.Storage.PostgreSql;

/// <summary>
/// Reads records by seq. seq is not the partition key, so a page is a merge of each monthly partition's primary-key
/// index (workspace_id, seq, …): a few index probes per page, whatever the history, and no OFFSET.
/// </summary>
public sealed class PostgreSqlRecordReader(PostgreSqlDatabase database) : IRecordReader
{
    private static readonly string ReadAfterSql = $"""
        SELECT {PostgreSqlRecordColumns.SelectList} FROM records
        WHERE workspace_id = $1 AND seq > $2 ORDER BY seq LIMIT $3
        """;

    public async Task<IReadOnlyList<ActivityRecord>> ReadAfterSeqAsync(string workspaceId, long afterSeq, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(ReadAfterSql, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = workspaceId });
        command.Parameters.Add(new NpgsqlParameter { Value = afterSeq });
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var records = new List<ActivityRecord>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            records.Add(PostgreSqlRecordColumns.Read(reader));
        }

        return records;
    }

    public async Task<(long Count, long LastSeq)> CountAsync(string workspaceId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        // seq is gap-free from 1, so the last seq is the count: no scan. A committed last_seq is never ahead of the
        // records, because both change in the same transaction.
        await using var command = new NpgsqlCommand("SELECT last_seq FROM workspaces WHERE workspace_id = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = workspaceId });
        var last = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as long? ?? 0;
        return (last, last);
    }
}
