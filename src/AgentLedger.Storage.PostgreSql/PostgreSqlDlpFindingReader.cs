using System.Text;
using AgentLedger.Core.Dlp;
using Npgsql;

namespace AgentLedger.Storage.PostgreSql;

/// <summary>Finding searches over dlp_findings (keyset on (seq, ordinal)) and hourly counts from dlp_finding_hours.</summary>
public sealed class PostgreSqlDlpFindingReader(PostgreSqlDatabase database) : IDlpFindingReader
{
    private const string Columns = """
        workspace_id, seq, ordinal, record_id, occurred_at, user_id, session_id, agent, rule, category, field, action,
        start, length, original_start, original_length, value_hash
        """;

    public async Task<IReadOnlyList<StoredDlpFinding>> ReadAsync(
        string workspaceId, DlpFindingFilter filter, long afterSeq, int afterOrdinal, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand { Connection = connection };
        Add(command, workspaceId);
        var after = Add(command, afterSeq);
        var ordinal = Add(command, afterOrdinal);
        var where = Where(filter, command, times: true);
        var limitParameter = Add(command, limit);
        command.CommandText = $"""
            SELECT {Columns} FROM dlp_findings
            WHERE workspace_id = $1 AND (seq, ordinal) > ({after}, {ordinal}){where}
            ORDER BY seq, ordinal LIMIT {limitParameter}
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
        await using var command = new NpgsqlCommand($"""
            SELECT {Columns} FROM dlp_findings WHERE workspace_id = $1 AND seq = ANY($2) ORDER BY seq, ordinal
            """, connection);
        Add(command, workspaceId);
        Add(command, seqs.ToArray());
        return await ReadAllAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<long?> FirstFindingHourAsync(
        string workspaceId, DlpFindingFilter filter, long fromHour, long toHour, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = HourCommand(connection, workspaceId, filter, fromHour, toHour, "min(hour_start)", "");
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is DateTime hour
            ? new DateTimeOffset(hour, TimeSpan.Zero).ToUnixTimeSeconds()
            : null;
    }

    public async Task<IReadOnlyList<DlpFindingCount>> ReadHourlyCountsAsync(
        string workspaceId, DlpFindingFilter filter, long fromHour, long toHour, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = HourCommand(connection, workspaceId, filter, fromHour, toHour, "hour_start, rule, category, action, findings",
            " ORDER BY hour_start, rule COLLATE \"C\", action COLLATE \"C\"");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var counts = new List<DlpFindingCount>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var hour = new DateTimeOffset(reader.GetFieldValue<DateTime>(0), TimeSpan.Zero).ToUnixTimeSeconds();
            counts.Add(new DlpFindingCount(hour, reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt64(4)));
        }

        return counts;
    }

    private static NpgsqlCommand HourCommand(
        NpgsqlConnection connection, string workspaceId, DlpFindingFilter filter, long fromHour, long toHour, string select, string orderBy)
    {
        var command = new NpgsqlCommand { Connection = connection };
        Add(command, workspaceId);
        var from = Add(command, DateTimeOffset.FromUnixTimeSeconds(fromHour).UtcDateTime);
        var to = Add(command, DateTimeOffset.FromUnixTimeSeconds(toHour).UtcDateTime);
        var where = Where(filter with { UserIds = [], SessionIds = [], Hashes = [] }, command, times: false);
        command.CommandText = $"SELECT {select} FROM dlp_finding_hours WHERE workspace_id = $1 AND hour_start >= {from} AND hour_start < {to}{where}{orderBy}";
        return command;
    }

    private static string Where(DlpFindingFilter filter, NpgsqlCommand command, bool times)
    {
        var sql = new StringBuilder();
        if (times && filter.StartTime is { } start)
        {
            sql.Append(" AND occurred_at >= ").Append(Add(command, start.UtcDateTime));
        }

        if (times && filter.EndTime is { } end)
        {
            sql.Append(" AND occurred_at < ").Append(Add(command, end.UtcDateTime));
        }

        Any(sql, command, "rule", filter.Rules);
        Any(sql, command, "category", filter.Categories);
        Any(sql, command, "action", filter.Actions);
        Any(sql, command, "user_id", filter.UserIds);
        Any(sql, command, "session_id", filter.SessionIds);
        Any(sql, command, "value_hash", filter.Hashes);
        return sql.ToString();
    }

    private static void Any(StringBuilder sql, NpgsqlCommand command, string column, IReadOnlyList<string> values)
    {
        if (values.Count > 0)
        {
            sql.Append(" AND ").Append(column).Append(" = ANY(").Append(Add(command, values.ToArray())).Append(')');
        }
    }

    private static string Add<T>(NpgsqlCommand command, T value)
    {
        command.Parameters.Add(new NpgsqlParameter<T> { TypedValue = value });
        return "$" + command.Parameters.Count;
    }

    private static async Task<IReadOnlyList<StoredDlpFinding>> ReadAllAsync(NpgsqlCommand command, CancellationToken cancellationToken)
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
                OccurredAt = new DateTimeOffset(reader.GetFieldValue<DateTime>(4), TimeSpan.Zero),
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
