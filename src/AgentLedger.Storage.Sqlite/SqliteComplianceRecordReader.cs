using AgentLedger.Core.Compliance;
using AgentLedger.Core.Records;
using Microsoft.Data.Sqlite;

namespace AgentLedger.Storage.Sqlite;

/// <summary>Filtered compliance reads: a primary-key range scan on (workspace_id, seq), or the session index.</summary>
public sealed partial class SqliteComplianceRecordReader(SqliteDatabase database) : IComplianceRecordReader
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

    public async Task<IReadOnlyList<UserSession>> ListUserSessionsAsync(
        string workspaceId, string userId, DateTimeOffset start, DateTimeOffset end, RecordFilter filter, int limit,
        CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        var matching = SqliteRecordFilterSql.Where(filter, command);
        var having = matching.Length == 0 ? "" : $"\nHAVING max(CASE WHEN 1 = 1{matching} THEN 1 ELSE 0 END) = 1";
        // ix_records_user (workspace_id, user_id, occurred_at) bounds the read to the user's records of the window.
        command.CommandText = $"""
            SELECT session_id, min(agent), min(client_id), min(occurred_at), max(occurred_at), count(*),
                   sum(kind = $prompt), sum(input_tokens), sum(output_tokens)
            FROM records INDEXED BY ix_records_user
            WHERE workspace_id = $ws AND user_id = $user AND occurred_at >= $start AND occurred_at < $end AND session_id IS NOT NULL
            GROUP BY session_id{having}
            ORDER BY max(occurred_at) DESC, session_id
            LIMIT $limit
            """;
        command.Parameters.AddWithValue("$ws", workspaceId);
        command.Parameters.AddWithValue("$user", userId);
        command.Parameters.AddWithValue("$start", SqliteTime.ToMicros(start));
        command.Parameters.AddWithValue("$end", SqliteTime.ToMicros(end));
        command.Parameters.AddWithValue("$prompt", WireNames.Of(RecordKind.UserPrompt));
        command.Parameters.AddWithValue("$limit", limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var sessions = new List<UserSession>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            sessions.Add(new UserSession(
                reader.GetString(0), WireNames.ParseAgent(reader.GetString(1)), WireNames.ParseClientId(reader.GetString(2)),
                SqliteTime.FromMicros(reader.GetInt64(3)), SqliteTime.FromMicros(reader.GetInt64(4)), reader.GetInt64(5),
                reader.GetInt64(6), reader.GetInt64(7), reader.GetInt64(8)));
        }

        return sessions;
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
