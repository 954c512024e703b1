using AgentLedger.Core.Analytics;
using AgentLedger.Core.Metrics;
using Microsoft.Data.Sqlite;

namespace AgentLedger.Storage.Sqlite;

/// <summary>
/// Analytics reads over usage_hourly and review_comments. Every query leads with (workspace_id, hour_start), the
/// rollup's key, so its cost is the rows of the hours asked for.
/// </summary>
public sealed partial class SqliteAnalyticsReader(SqliteDatabase database) : IAnalyticsReader
{
    public async Task<long?> FirstActiveHourAsync(AnalyticsScope scope, long fromHour, long toHour, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        var where = SqliteAnalyticsSql.Where(command, scope);
        var (table, time, _) = SqliteAnalyticsSql.Source(fromHour, toHour);
        command.CommandText = $"SELECT min({time}) FROM {table} WHERE {where} AND {time} >= $from AND {time} < $to";
        command.Parameters.AddWithValue("$from", fromHour);
        command.Parameters.AddWithValue("$to", toHour);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as long?;
    }

    public async Task<IReadOnlyList<string>> ReadUserKeysAsync(
        AnalyticsScope scope, long fromHour, long toHour, string? afterUser, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        var where = SqliteAnalyticsSql.Where(command, scope);
        var after = afterUser is null ? "" : " AND user_id > $after";
        if (afterUser is not null)
        {
            command.Parameters.AddWithValue("$after", afterUser);
        }

        command.Parameters.AddWithValue("$limit", limit);
        // Per hour, the first users after the position come straight off the key (hour, user) in order; the union of
        // those short runs holds the page's users.
        var (table, time, step) = SqliteAnalyticsSql.Source(fromHour, toHour);
        var perHour = new List<string>();
        for (var hour = fromHour; hour < toHour; hour += step)
        {
            var name = "$h" + perHour.Count;
            command.Parameters.AddWithValue(name, hour);
            perHour.Add($"SELECT * FROM (SELECT DISTINCT user_id FROM {table} WHERE {where} AND {time} = {name}{after} ORDER BY user_id LIMIT $limit)");
        }

        command.CommandText = $"{string.Join("\nUNION\n", perHour)}\nORDER BY user_id LIMIT $limit";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var users = new List<string>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            users.Add(reader.GetString(0));
        }

        return users;
    }

    public async Task<IReadOnlyList<AnalyticsCell>> ReadCellsAsync(
        AnalyticsScope scope, long fromHour, long toHour, string? afterUser, string? lastUser, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var cells = new List<AnalyticsCell>();
        await using (var command = connection.CreateCommand())
        {
            var (table, time, step) = SqliteAnalyticsSql.Source(fromHour, toHour);
            var where = SqliteAnalyticsSql.Where(command, scope) + UserRange(command, time, step, fromHour, toHour, afterUser, lastUser);
            var measures = AnalyticsMeasureSets.For(scope.Activity);
            command.CommandText = $"""
                SELECT {time}, user_id, team, client_id, model, {string.Join(", ", measures.Select(m => m.Name))}
                FROM {table} WHERE {where}
                """;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                cells.Add(ReadCell(reader, measures, engagement: null));
            }
        }

        if (scope.Activity == AnalyticsActivity.CodeReview)
        {
            await ReadEngagementAsync(connection, scope, fromHour, toHour, afterUser, lastUser, cells, cancellationToken).ConfigureAwait(false);
        }

        return cells;
    }

    private static async Task ReadEngagementAsync(
        SqliteConnection connection, AnalyticsScope scope, long fromHour, long toHour, string? afterUser, string? lastUser,
        List<AnalyticsCell> cells, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        var where = SqliteAnalyticsSql.Where(command, scope, usageTable: false) + UserRange(command, "hour_start", 3600, fromHour, toHour, afterUser, lastUser);
        command.CommandText = $"""
            SELECT hour_start, user_id, team, client_id, model,
                   count(*),
                   sum(replies > 0 OR upvotes > 0 OR downvotes > 0 OR other_reactions > 0),
                   sum(upvotes > 0 OR downvotes > 0 OR other_reactions > 0),
                   sum(upvotes > 0), sum(downvotes > 0), sum(other_reactions > 0), sum(replies > 0)
            FROM review_comments WHERE {where}
            GROUP BY hour_start, user_id, team, client_id, model
            """;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var engagement = new ReviewEngagement
            {
                Comments = reader.GetInt64(5),
                Engaged = reader.GetInt64(6),
                Reacted = reader.GetInt64(7),
                Upvoted = reader.GetInt64(8),
                Downvoted = reader.GetInt64(9),
                ReactedOther = reader.GetInt64(10),
                Replied = reader.GetInt64(11),
            };
            cells.Add(ReadCell(reader, [], engagement));
        }
    }

    private static string UserRange(SqliteCommand command, string time, long step, long fromHour, long toHour, string? afterUser, string? lastUser)
    {
        if (lastUser is null)
        {
            command.Parameters.AddWithValue("$from", fromHour);
            command.Parameters.AddWithValue("$to", toHour);
            return $" AND {time} >= $from AND {time} < $to";
        }

        command.Parameters.AddWithValue("$last", lastUser);
        var sql = $" AND {time} IN ({SqliteAnalyticsSql.HourList(command, fromHour, toHour, step)}) AND user_id <= $last";
        if (afterUser is not null)
        {
            command.Parameters.AddWithValue("$after", afterUser);
            sql += " AND user_id > $after";
        }

        return sql;
    }

    private static AnalyticsCell ReadCell(SqliteDataReader reader, IReadOnlyList<MeasureColumn> columns, ReviewEngagement? engagement)
    {
        var measures = new UsageMeasures();
        for (var c = 0; c < columns.Count; c++)
        {
            var column = columns[c];
            var raw = reader.GetInt64(5 + c);
            column.Set(measures, column.IsMoney ? SqliteMoney.FromMicros(raw) : raw);
        }

        var client = reader.GetString(3);
        var (agent, surface) = AnalyticsMeasureSets.DimensionsOf(client);
        return new AnalyticsCell(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), client, reader.GetString(4), agent, surface, measures, engagement);
    }
}
