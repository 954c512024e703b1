using System.Text;
using AgentLedger.Core.Compliance;
using AgentLedger.Core.Records;
using Npgsql;

namespace AgentLedger.Storage.PostgreSql;

/// <summary>
/// Translates a <see cref="RecordFilter"/> into a WHERE clause over <c>records</c>, every value a positional parameter
/// and every list one array parameter. The text condition folds ASCII letters only (translate, not lower(), whose
/// result depends on the database's collation), the same rule as SQLite's and <see cref="RecordFilter.Text"/>'s.
/// </summary>
internal static class PostgreSqlRecordFilterSql
{
    private const string Upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private const string Lower = "abcdefghijklmnopqrstuvwxyz";

    /// <summary>The clause (starting with " AND", or empty); <c>$1</c> must already be the workspace id.</summary>
    public static string Where(RecordFilter filter, NpgsqlCommand command)
    {
        var sql = new StringBuilder();
        if (filter.StartTime is { } start)
        {
            sql.Append(" AND occurred_at >= ").Append(Add(command, start.UtcDateTime));
        }

        if (filter.EndTime is { } end)
        {
            sql.Append(" AND occurred_at < ").Append(Add(command, end.UtcDateTime));
        }

        Any(sql, command, "user_id", filter.UserIds);
        if (filter.UserEmails.Count > 0)
        {
            sql.Append(" AND user_id IN (SELECT u.user_id FROM users u WHERE u.workspace_id = $1 AND u.email = ANY(")
                .Append(Add(command, filter.UserEmails.ToArray())).Append("))");
        }

        Any(sql, command, "team", filter.Teams);
        Any(sql, command, "agent", filter.Agents.Select(WireNames.Of).ToList());
        Any(sql, command, "surface", filter.Surfaces.Select(WireNames.Of).ToList());
        Any(sql, command, "client_id", filter.ClientIds.Select(WireNames.Of).ToList());
        Any(sql, command, "model", filter.Models);
        Any(sql, command, "kind", filter.Kinds.Select(WireNames.Of).ToList());
        Any(sql, command, "session_id", filter.SessionIds);
        if (filter.HasDlpCondition)
        {
            // One finding must meet every DLP condition; the findings table's primary key finds a record's findings.
            sql.Append(" AND EXISTS (SELECT 1 FROM dlp_findings f WHERE f.workspace_id = $1 AND f.seq = records.seq");
            Any(sql, command, "f.rule", filter.DlpRules);
            Any(sql, command, "f.category", filter.DlpCategories);
            Any(sql, command, "f.action", filter.DlpActions);
            sql.Append(')');
        }

        if (filter.TextFolded is { } text)
        {
            var p = Add(command, text);
            sql.Append(" AND (").Append(Contains("prompt_text", p)).Append(" OR ").Append(Contains("response_text", p))
                .Append(" OR ").Append(Contains("tool_input", p)).Append(" OR ").Append(Contains("tool_output", p)).Append(')');
        }

        return sql.ToString();
    }

    private static string Contains(string column, string parameter) =>
        $"strpos(translate({column}, '{Upper}', '{Lower}'), {parameter}) > 0";

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
}
