using AgentLedger.Core.Analytics;
using Npgsql;

namespace AgentLedger.Storage.PostgreSql;

public sealed partial class PostgreSqlAnalyticsReader
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
            var team = groupBy == AnalyticsGroupBy.Team ? "team" : "''::text";
            var sums = string.Join(", ", measures.Select(m => m.IsMoney ? $"sum({m.Name})" : $"sum({m.Name})::bigint"));
            command.CommandText = $"""
                SELECT extract(epoch FROM day_start)::bigint, {team}, client_id, model, {sums}
                FROM usage_daily_totals
                WHERE {PostgreSqlAnalyticsSql.Where(command, scope)} AND day_start >= @from AND day_start < @to
                GROUP BY day_start, {team}, client_id, model
                """;
            AddRange(command, fromDay, toDay);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                cells.Add(ReadCell(reader, ReadMeasures(reader, 4, measures), null, userFree: true));
            }
        }

        var users = new Dictionary<(long, string), int>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = $"""
                SELECT extract(epoch FROM day_start)::bigint, value, users FROM active_user_day_counts
                WHERE {MembershipWhere(command, scope, dimension)} AND day_start >= @from AND day_start < @to
                """;
            AddRange(command, fromDay, toDay);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                users[(reader.GetInt64(0), reader.GetString(1))] = (int)reader.GetInt64(2);
            }
        }

        return new DailyGroups(cells, users);
    }

    /// <summary>
    /// Distinct users over whole UTC days from the membership rows of one dimension (the key leads with workspace and
    /// day), or null when the scope needs the per-user rollups.
    /// </summary>
    private static async Task<int?> CountFromActiveUserDaysAsync(
        NpgsqlConnection connection, AnalyticsScope scope, long from, long to, CancellationToken cancellationToken)
    {
        var dimension = DailyGroupRollup.ExactDimension(scope, null);
        if (dimension is null || !DailyRollup.Covers(from, to))
        {
            return null;
        }

        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT count(DISTINCT user_id) FROM active_user_days
            WHERE {MembershipWhere(command, scope, dimension)} AND day_start >= @from AND day_start < @to
            """;
        AddRange(command, from, to);
        return (int)(long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    private static void AddRange(NpgsqlCommand command, long from, long to)
    {
        command.Parameters.AddWithValue("from", PostgreSqlAnalyticsSql.Utc(from));
        command.Parameters.AddWithValue("to", PostgreSqlAnalyticsSql.Utc(to));
    }

    private static string MembershipWhere(NpgsqlCommand command, AnalyticsScope scope, string dimension)
    {
        command.Parameters.AddWithValue("ws", scope.WorkspaceId);
        command.Parameters.AddWithValue("dimension", dimension);
        var values = DailyGroupRollup.FilterValues(scope.Filter, dimension);
        if (values.Count == 0)
        {
            // The workspace dimension's one value is '': naming it lets the key's (dimension, value, day) seek the days.
            return "workspace_id = @ws AND dimension = @dimension" + (dimension == DailyGroupRollup.Workspace ? " AND value = ''" : "");
        }

        command.Parameters.Add(new NpgsqlParameter<string[]>("values", values.ToArray()));
        return "workspace_id = @ws AND dimension = @dimension AND value = ANY(@values)";
    }
}
