using AgentLedger.Core.Analytics;
using AgentLedger.Core.Metrics;
using Npgsql;

namespace AgentLedger.Storage.PostgreSql;

/// <summary>SQL fragments of the analytics reader, built from <see cref="UsageMeasures.Columns"/>; filter values are bound, never spliced.</summary>
internal static class PostgreSqlAnalyticsSql
{
    /// <summary>The rollup that answers [from, to) with the fewest rows: daily (UTC) for whole UTC days, else hourly.</summary>
    public static (string Table, string Time, long Step) Source(AnalyticsScope scope, long from, long to) =>
        scope.ClientVersions ? ("usage_versions_hourly", "hour_start", 3600)
        : DailyRollup.Covers(from, to) ? ("usage_daily", "day_start", DailyRollup.DaySeconds) : ("usage_hourly", "hour_start", 3600);

    public static readonly string MeasureSums = string.Join(", ", UsageMeasures.Columns.Select(c => $"sum({c.Name})"));

    /// <summary>The scope's predicate on usage_hourly (or review_comments, which has the same dimension columns).</summary>
    public static string Where(NpgsqlCommand command, AnalyticsScope scope, bool usageTable = true)
    {
        command.Parameters.AddWithValue("ws", scope.WorkspaceId);
        var sql = "workspace_id = @ws";
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

    public static DateTime Utc(long unixSeconds) => DateTime.UnixEpoch.AddSeconds(unixSeconds);

    public static DateTime[] Hours(long fromHour, long toHour, long step = 3600)
    {
        var hours = new DateTime[(int)((toHour - fromHour) / step)];
        for (var i = 0; i < hours.Length; i++)
        {
            hours[i] = Utc(fromHour + i * step);
        }

        return hours;
    }

    private static string In(NpgsqlCommand command, string column, IReadOnlyList<string> values)
    {
        if (values.Count == 0)
        {
            return "";
        }

        command.Parameters.Add(new NpgsqlParameter<string[]>("f_" + column, values.ToArray()));
        return $" AND {column} = ANY(@f_{column})";
    }
}
