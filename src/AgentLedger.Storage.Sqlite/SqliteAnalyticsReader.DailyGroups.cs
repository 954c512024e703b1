using AgentLedger.Core.Analytics;
using AgentLedger.Core.Metrics;
using Microsoft.Data.Sqlite;

namespace AgentLedger.Storage.Sqlite;

public sealed partial class SqliteAnalyticsReader
{
    public async Task<DailyGroups> ReadDailyGroupsAsync(
        AnalyticsScope scope, AnalyticsGroupBy groupBy, long fromDay, long toDay, CancellationToken cancellationToken)
    {
        var dimension = DailyGroupRollup.ExactDimension(scope, groupBy);
        if (dimension is null || !DailyRollup.Covers(fromDay, toDay))
        {
            throw new ArgumentException($"The daily group rollups do not answer {groupBy} over this scope and range exactly.", nameof(scope));
        }

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var cells = new List<AnalyticsCell>();
        await using (var command = connection.CreateCommand())
        {
            // Sums per day, client and model (and team when grouping by it): what a row's totals and its per-client and
            // per-model breakdowns need. Agent and surface follow from the client id.
            var measures = AnalyticsMeasureSets.For(scope);
            var team = groupBy == AnalyticsGroupBy.Team ? "team" : "''";
            command.CommandText = $"""
                SELECT day_start, {team}, client_id, model, {string.Join(", ", measures.Select(m => $"sum({m.Name})"))}
                FROM usage_daily_totals
                WHERE {SqliteAnalyticsSql.Where(command, scope)}{TimeRange(command, "day_start", fromDay, toDay)}
                GROUP BY day_start, {team}, client_id, model
                """;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var values = new UsageMeasures();
                for (var c = 0; c < measures.Count; c++)
                {
                    var column = measures[c];
                    var raw = reader.GetInt64(4 + c);
                    column.Set(values, column.IsMoney ? SqliteMoney.FromMicros(raw) : raw);
                }

                var client = reader.GetString(2);
                var (agent, surface) = AnalyticsMeasureSets.DimensionsOf(client);
                cells.Add(new AnalyticsCell(reader.GetInt64(0), "", reader.GetString(1), client, reader.GetString(3), agent, surface, values));
            }
        }

        var users = new Dictionary<(long, string), int>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = $"""
                SELECT day_start, value, users FROM active_user_day_counts
                WHERE {MembershipWhere(command, scope, dimension)}{TimeRange(command, "day_start", fromDay, toDay)}
                """;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                users[(reader.GetInt64(0), reader.GetString(1))] = (int)reader.GetInt64(2);
            }
        }

        return new DailyGroups(cells, users);
    }

    /// <summary>
    /// Distinct users over whole UTC days from the membership rows of one dimension (index-only: the key leads with
    /// workspace, dimension, value and day), or null when the scope needs the per-user rollups.
    /// </summary>
    private static async Task<int?> CountFromActiveUserDaysAsync(
        SqliteConnection connection, AnalyticsScope scope, long from, long to, CancellationToken cancellationToken)
    {
        var dimension = DailyGroupRollup.ExactDimension(scope, null);
        if (dimension is null || !DailyRollup.Covers(from, to))
        {
            return null;
        }

        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT count(DISTINCT user_id) FROM active_user_days
            WHERE {MembershipWhere(command, scope, dimension)}{TimeRange(command, "day_start", from, to)}
            """;
        return (int)(long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    private static string MembershipWhere(SqliteCommand command, AnalyticsScope scope, string dimension)
    {
        command.Parameters.AddWithValue("$ws", scope.WorkspaceId);
        command.Parameters.AddWithValue("$dimension", dimension);
        var values = DailyGroupRollup.FilterValues(scope.Filter, dimension);
        var names = new string[values.Count];
        for (var i = 0; i < values.Count; i++)
        {
            names[i] = "$v" + i;
            command.Parameters.AddWithValue(names[i], values[i]);
        }

        // The workspace dimension's one value is '': naming it lets the key's (dimension, value, day) seek the days.
        return "workspace_id = $ws AND dimension = $dimension"
            + (values.Count > 0 ? $" AND value IN ({string.Join(", ", names)})" : dimension == DailyGroupRollup.Workspace ? " AND value = ''" : "");
    }
}
