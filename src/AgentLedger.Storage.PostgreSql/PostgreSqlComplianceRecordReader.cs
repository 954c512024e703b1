using AgentLedger.Core.Compliance;
using AgentLedger.Core.Records;
using Npgsql;

namespace AgentLedger.Storage.PostgreSql;

/// <summary>
/// Filtered compliance reads: a seq range of each monthly partition's primary key (pruned to the partitions of the time
/// filter, when there is one), or the session index.
/// </summary>
public sealed class PostgreSqlComplianceRecordReader(PostgreSqlDatabase database) : IComplianceRecordReader
{
    private static readonly string SessionSql = $"""
        SELECT {PostgreSqlRecordColumns.SelectList} FROM records
        WHERE workspace_id = $1 AND session_id = $2 AND seq > $3
        ORDER BY seq LIMIT $4
        """;

    public async Task<IReadOnlyList<ActivityRecord>> ReadAsync(
        string workspaceId, RecordFilter filter, long afterSeq, long uptoSeq, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand { Connection = connection };
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = workspaceId });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = afterSeq });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = uptoSeq });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        var where = PostgreSqlRecordFilterSql.Where(filter, command);
        command.CommandText = $"""
            SELECT {PostgreSqlRecordColumns.SelectList} FROM records
            WHERE workspace_id = $1 AND seq > $2 AND seq <= $3{where}
            ORDER BY seq LIMIT $4
            """;
        return await ReadAllAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<ActivityRecord>> ReadSessionAsync(
        string workspaceId, string sessionId, long afterSeq, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(SessionSql, connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = workspaceId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = sessionId });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = afterSeq });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        return await ReadAllAsync(command, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<IReadOnlyList<ActivityRecord>> ReadAllAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var records = new List<ActivityRecord>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            records.Add(PostgreSqlRecordColumns.Read(reader));
        }

        return records;
    }
}
