using AgentLedger.Core.Compliance;
using AgentLedger.Core.Records;
using Npgsql;

namespace AgentLedger.Storage.PostgreSql;

/// <summary>
/// Filtered compliance reads: a seq range of each monthly partition's primary key (pruned to the partitions of the time
/// filter, when there is one), or the session index.
/// </summary>
public sealed partial class PostgreSqlComplianceRecordReader(PostgreSqlDatabase database) : IComplianceRecordReader
{
    private static readonly string SessionSql = $"""
        SELECT {PostgreSqlRecordColumns.SelectList} FROM records
        WHERE workspace_id = $1 AND session_id = $2 AND seq > $3
        ORDER BY seq LIMIT $4
        """;

    // ix_records_user (workspace_id, user_id, occurred_at) bounds the read to the user's records of the window, in the
    // partitions the window touches.
    private const string UserSessionsSql = """
        SELECT session_id, min(agent), min(client_id), min(occurred_at), max(occurred_at), count(*),
               count(*) FILTER (WHERE kind = $6), coalesce(sum(input_tokens), 0)::bigint, coalesce(sum(output_tokens), 0)::bigint
        FROM records
        WHERE workspace_id = $1 AND user_id = $2 AND occurred_at >= $3 AND occurred_at < $4 AND session_id IS NOT NULL
        GROUP BY session_id{having}
        ORDER BY max(occurred_at) DESC, session_id
        LIMIT $5
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

    public async Task<IReadOnlyList<UserSession>> ListUserSessionsAsync(
        string workspaceId, string userId, DateTimeOffset start, DateTimeOffset end, RecordFilter filter, int limit,
        CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand { Connection = connection };
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = workspaceId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = userId });
        command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = start.UtcDateTime });
        command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = end.UtcDateTime });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = WireNames.Of(RecordKind.UserPrompt) });
        // The filter's parameters follow the six above; a session is listed when one of its records in the window matches.
        var matching = PostgreSqlRecordFilterSql.Where(filter, command);
        command.CommandText = UserSessionsSql.Replace(
            "{having}", matching.Length == 0 ? "" : $"\n        HAVING bool_or(TRUE{matching})", StringComparison.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var sessions = new List<UserSession>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            sessions.Add(new UserSession(
                reader.GetString(0), WireNames.ParseAgent(reader.GetString(1)), WireNames.ParseClientId(reader.GetString(2)),
                reader.GetFieldValue<DateTimeOffset>(3), reader.GetFieldValue<DateTimeOffset>(4), reader.GetInt64(5),
                reader.GetInt64(6), reader.GetInt64(7), reader.GetInt64(8)));
        }

        return sessions;
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
