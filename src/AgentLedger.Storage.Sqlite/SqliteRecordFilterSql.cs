using System.Text;
using AgentLedger.Core.Compliance;
using AgentLedger.Core.Records;
using Microsoft.Data.Sqlite;

namespace AgentLedger.Storage.Sqlite;

/// <summary>
/// Translates a <see cref="RecordFilter"/> into a WHERE clause over <c>records</c>, every value a parameter. The text
/// condition lower-cases with SQLite's built-in lower(), which folds ASCII letters only: exactly the rule of
/// <see cref="RecordFilter.Text"/>.
/// </summary>
internal static class SqliteRecordFilterSql
{
    public static string Where(RecordFilter filter, SqliteCommand command)
    {
        var sql = new StringBuilder();
        if (filter.StartTime is { } start)
        {
            sql.Append(" AND occurred_at >= ").Append(Add(command, SqliteTime.ToMicros(start)));
        }

        if (filter.EndTime is { } end)
        {
            sql.Append(" AND occurred_at < ").Append(Add(command, SqliteTime.ToMicros(end)));
        }

        In(sql, command, "user_id", filter.UserIds);
        if (filter.UserEmails.Count > 0)
        {
            sql.Append(" AND user_id IN (SELECT u.user_id FROM users u WHERE u.workspace_id = records.workspace_id AND u.email")
                .Append(List(command, filter.UserEmails)).Append(')');
        }

        In(sql, command, "team", filter.Teams);
        In(sql, command, "agent", filter.Agents.Select(WireNames.Of).ToList());
        In(sql, command, "surface", filter.Surfaces.Select(WireNames.Of).ToList());
        In(sql, command, "client_id", filter.ClientIds.Select(WireNames.Of).ToList());
        In(sql, command, "model", filter.Models);
        In(sql, command, "kind", filter.Kinds.Select(WireNames.Of).ToList());
        In(sql, command, "session_id", filter.SessionIds);
        if (filter.HasDlpCondition)
        {
            // One finding must meet every DLP condition; the findings table's primary key finds a record's findings.
            sql.Append(" AND EXISTS (SELECT 1 FROM dlp_findings f WHERE f.workspace_id = records.workspace_id AND f.seq = records.seq");
            In(sql, command, "f.rule", filter.DlpRules);
            In(sql, command, "f.category", filter.DlpCategories);
            In(sql, command, "f.action", filter.DlpActions);
            sql.Append(')');
        }

        if (filter.TextFolded is { } text)
        {
            var p = Add(command, text);
            sql.Append($" AND (instr(lower(prompt_text), {p}) > 0 OR instr(lower(response_text), {p}) > 0")
                .Append($" OR instr(lower(tool_input), {p}) > 0 OR instr(lower(tool_output), {p}) > 0)");
        }

        return sql.ToString();
    }

    private static void In(StringBuilder sql, SqliteCommand command, string column, IReadOnlyList<string> values)
    {
        if (values.Count > 0)
        {
            sql.Append(" AND ").Append(column).Append(List(command, values));
        }
    }

    private static string List(SqliteCommand command, IReadOnlyList<string> values) =>
        " IN (" + string.Join(", ", values.Select(v => Add(command, v))) + ")";

    private static string Add(SqliteCommand command, object value)
    {
        var name = "$f" + command.Parameters.Count;
        command.Parameters.AddWithValue(name, value);
        return name;
    }
}
