using AgentLedger.Core.Analytics;
using AgentLedger.Core.Metrics;
using Microsoft.Data.Sqlite;

namespace AgentLedger.Storage.Sqlite;

/// <summary>SQL fragments of the analytics reader: scope predicates and the select lists, built from <see cref="UsageMeasures.Columns"/>.</summary>
internal static class SqliteAnalyticsSql
{
    public static readonly string MeasureSums = string.Join(", ", UsageMeasures.Columns.Select(c => $"sum({c.Name})"));

    /// <summary>
    /// The scope's predicate on usage_hourly (or review_comments, which has the same dimension columns), with its
    /// parameters added to <paramref name="command"/>. Filter values are bound, never spliced.
    /// </summary>
    public static string Where(SqliteCommand command, AnalyticsScope scope, bool usageTable = true)
    {
        command.Parameters.AddWithValue("$ws", scope.WorkspaceId);
        var sql = "workspace_id = $ws";
        sql += In(command, "user_id", scope.Filter.Users);
        sql += In(command, "team", scope.Filter.Teams);
        sql += In(command, "surface", scope.Filter.Surfaces);
        sql += In(command, "client_id", scope.Filter.Clients);
        sql += In(command, "model", scope.Filter.Models);
        sql += In(command, "agent", scope.Filter.Agents);
        if (scope.ClientVersions)
        {
            // The client-version rollup has only the record count: any row is activity.
            return sql + In(command, "client_version", scope.Filter.Versions);
        }

        return usageTable ? sql + AnalyticsMeasureSets.RowPredicate(scope.Activity) : sql;
    }

    /// <summary>
    /// The rollup that answers [from, to) with the fewest rows: the daily (UTC) one for whole UTC days, else the hourly one.
    /// Both have the same dimension and counter columns; only the time column and its step differ.
    /// </summary>
    public static (string Table, string Time, long Step) Source(AnalyticsScope scope, long from, long to) =>
        scope.ClientVersions ? ("usage_versions_hourly", "hour_start", 3600)
        : DailyRollup.Covers(from, to) ? ("usage_daily", "day_start", DailyRollup.DaySeconds) : ("usage_hourly", "hour_start", 3600);

    /// <summary>An IN list of every step of [from, to): with it SQLite seeks each one's (time, user) range of the key.</summary>
    public static string HourList(SqliteCommand command, long fromHour, long toHour, long step = 3600)
    {
        var names = new List<string>();
        for (var hour = fromHour; hour < toHour; hour += step)
        {
            var name = "$h" + names.Count;
            command.Parameters.AddWithValue(name, hour);
            names.Add(name);
        }

        return string.Join(", ", names);
    }

    private static string In(SqliteCommand command, string column, IReadOnlyList<string> values)
    {
        if (values.Count == 0)
        {
            return "";
        }

        var names = new string[values.Count];
        for (var i = 0; i < values.Count; i++)
        {
            names[i] = $"$f_{column}_{i}";
            command.Parameters.AddWithValue(names[i], values[i]);
        }

        return $" AND {column} IN ({string.Join(", ", names)})";
    }
}
