using System.Text;
using AgentLedger.Core.Dlp;
using Microsoft.Data.Sqlite;

namespace AgentLedger.Storage.Sqlite;

/// <summary>Finding searches over dlp_findings (keyset on (seq, ordinal)) and hourly counts from dlp_finding_hours.</summary>
public sealed class SqliteDlpFindingReader(SqliteDatabase database) : IDlpFindingReader
{
    private const string Columns = """
        workspace_id, seq, ordinal, record_id, occurred_at, user_id, session_id, agent, rule, category, field, action,
        start, length, original_start, original_length, value_hash
        """;

    /// <remarks>The keyset is spelled with a plain range on seq first, so that SQLite seeks the primary key instead of scanning.</remarks>
    public async Task<IReadOnlyList<StoredDlpFinding>> ReadAsync(
        string workspaceId, DlpFindingFilter filter, long afterSeq, int afterOrdinal, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.Parameters.AddWithValue("$ws", workspaceId);
        command.Parameters.AddWithValue("$after", afterSeq);
        command.Parameters.AddWithValue("$ordinal", afterOrdinal);
        command.Parameters.AddWithValue("$limit", limit);
        var where = Where(filter, command, times: true);
        command.CommandText = $"""
            SELECT {Columns} FROM dlp_findings
            WHERE workspace_id = $ws AND seq >= $after AND (seq > $after OR ordinal > $ordinal){where}
            ORDER BY seq, ordinal LIMIT $limit
            """;
        return await ReadAllAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<StoredDlpFinding>> ReadForRecordsAsync(
        string workspaceId, IReadOnlyCollection<long> seqs, CancellationToken cancellationToken)
    {
        if (seqs.Count == 0)
        {
            return [];
        }

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.Parameters.AddWithValue("$ws", workspaceId);
        command.CommandText = $"""
            SELECT {Columns} FROM dlp_findings
            WHERE workspace_id = $ws AND seq IN ({string.Join(", ", seqs.Select(s => Add(command, s)))})
            ORDER BY seq, ordinal
            """;
        return await ReadAllAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<long?> FirstFindingHourAsync(
        string workspaceId, DlpFindingFilter filter, long fromHour, long toHour, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = HourCommand(connection, workspaceId, filter, fromHour, toHour, "min(hour_start)", "");
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long hour ? hour : null;
    }

    public async Task<IReadOnlyList<DlpFindingCount>> ReadHourlyCountsAsync(
        string workspaceId, DlpFindingFilter filter, long fromHour, long toHour, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = HourCommand(connection, workspaceId, filter, fromHour, toHour, "hour_start, rule, category, action, findings",
            " ORDER BY hour_start, rule, action");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var counts = new List<DlpFindingCount>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            counts.Add(new DlpFindingCount(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt64(4)));
        }

        return counts;
    }

    private static SqliteCommand HourCommand(
        SqliteConnection connection, string workspaceId, DlpFindingFilter filter, long fromHour, long toHour, string select, string orderBy)
    {
        var command = connection.CreateCommand();
        command.Parameters.AddWithValue("$ws", workspaceId);
        command.Parameters.AddWithValue("$from", fromHour);
        command.Parameters.AddWithValue("$to", toHour);
        var where = Where(filter with { UserIds = [], SessionIds = [], Hashes = [] }, command, times: false);
        command.CommandText = $"SELECT {select} FROM dlp_finding_hours WHERE workspace_id = $ws AND hour_start >= $from AND hour_start < $to{where}{orderBy}";
        return command;
    }

    /// <summary>The filter's conditions as " AND …" clauses; <paramref name="times"/> is false over the hourly rollup.</summary>
    internal static string Where(DlpFindingFilter filter, SqliteCommand command, bool times)
    {
        var sql = new StringBuilder();
        if (times && filter.StartTime is { } start)
        {
            sql.Append(" AND occurred_at >= ").Append(Add(command, SqliteTime.ToMicros(start)));
        }

        if (times && filter.EndTime is { } end)
        {
            sql.Append(" AND occurred_at < ").Append(Add(command, SqliteTime.ToMicros(end)));
        }

        In(sql, command, "rule", filter.Rules);
        In(sql, command, "category", filter.Categories);
        In(sql, command, "action", filter.Actions);
        In(sql, command, "user_id", filter.UserIds);
        In(sql, command, "session_id", filter.SessionIds);
        In(sql, command, "value_hash", filter.Hashes);
        return sql.ToString();
    }

    private static void In(StringBuilder sql, SqliteCommand command, string column, IReadOnlyList<string> values)
    {
        if (values.Count > 0)
        {
            sql.Append(" AND ").Append(column).Append(" IN (").AppendJoin(", ", values.Select(v => Add(command, v))).Append(')');
        }
    }

    private static string Add(SqliteCommand command, object value)
    {
        var name = "$d" + command.Parameters.Count;
        command.Parameters.AddWithValue(name, value);
        return name;
    }

    private static async Task<IReadOnlyList<StoredDlpFinding>> ReadAllAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var findings = new List<StoredDlpFinding>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            findings.Add(new StoredDlpFinding
            {
                WorkspaceId = reader.GetString(0),
                Seq = reader.GetInt64(1),
                Ordinal = reader.GetInt32(2),
                RecordId = reader.GetString(3),
                OccurredAt = SqliteTime.FromMicros(reader.GetInt64(4)),
                UserId = reader.IsDBNull(5) ? null : reader.GetString(5),
                SessionId = reader.IsDBNull(6) ? null : reader.GetString(6),
                Agent = reader.GetString(7),
                Rule = reader.GetString(8),
                Category = reader.GetString(9),
                Field = reader.GetString(10),
                Action = reader.GetString(11),
                Start = reader.GetInt32(12),
                Length = reader.GetInt32(13),
                OriginalStart = reader.GetInt32(14),
                OriginalLength = reader.GetInt32(15),
                Hash = reader.GetString(16),
            });
        }

        return findings;
    }
}
