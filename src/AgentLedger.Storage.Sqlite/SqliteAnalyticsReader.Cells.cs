using AgentLedger.Core.Analytics;
using AgentLedger.Core.Metrics;
using Microsoft.Data.Sqlite;

namespace AgentLedger.Storage.Sqlite;

public sealed partial class SqliteAnalyticsReader
{
    /// <summary>
    /// Adds the usage cells of <paramref name="where"/> to <paramref name="cells"/>; with <paramref name="userLimit"/>, in
    /// user order, stopping at the first row of the user after that many (the key makes the order free when the
    /// condition fixes the time to one value). Returns the last
    /// user read. A page is thousands of rows, so they are stepped natively, repeated texts decoded once
    /// (<see cref="SqliteRowStream"/>), and only the counters of the scope's activity read.
    /// </summary>
    private static string? ReadUsageCells(
        SqliteConnection connection, SqliteCommand command, string where, string table, string time, AnalyticsScope scope, int? userLimit,
        List<AnalyticsCell> cells, CancellationToken cancellationToken)
    {
        var measures = AnalyticsMeasureSets.For(scope);
        var version = scope.ClientVersions ? ", client_version" : "";
        command.CommandText = $"SELECT {time}, user_id, team, client_id, model, {string.Join(", ", measures.Select(m => m.Name))}{version} FROM {table} WHERE {where}"
            + (userLimit is null ? "" : " ORDER BY user_id");
        using var rows = SqliteRowStream.Open(connection, command, cancellationToken);
        var users = new Utf8StringCache(1);
        var dimensions = new Utf8StringCache(32);
        string? user = null;
        var seen = 0;
        while (rows.Read())
        {
            var rowUser = users.Get(rows.Utf8(1));
            if (!ReferenceEquals(rowUser, user))
            {
                if (++seen > userLimit)
                {
                    break;
                }

                user = rowUser;
            }

            var values = new UsageMeasures();
            for (var c = 0; c < measures.Count; c++)
            {
                var column = measures[c];
                var raw = rows.Int64(5 + c);
                column.Set(values, column.IsMoney ? SqliteMoney.FromMicros(raw) : raw);
            }

            var client = dimensions.Get(rows.Utf8(3));
            var (agent, surface) = AnalyticsMeasureSets.DimensionsOf(client);
            cells.Add(new AnalyticsCell(
                rows.Int64(0), user, dimensions.Get(rows.Utf8(2)), client, dimensions.Get(rows.Utf8(4)), agent, surface, values,
                ClientVersion: scope.ClientVersions ? dimensions.Get(rows.Utf8(5 + measures.Count)) : ""));
        }

        return user;
    }

    /// <summary>
    /// The <paramref name="limit"/> smallest user ids (ordinal) after <paramref name="afterUser"/> with rows in scope in
    /// [<paramref name="fromHour"/>, <paramref name="toHour"/>): per hour (or day) the first users after the position come
    /// straight off the key (time, user) in order; the union of those short runs holds the page's users.
    /// </summary>
    private static List<string> ReadUserKeys(
        SqliteConnection connection, AnalyticsScope scope, long fromHour, long toHour, string? afterUser, int limit, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        var where = SqliteAnalyticsSql.Where(command, scope);
        var after = afterUser is null ? "" : " AND user_id > $after";
        if (afterUser is not null)
        {
            command.Parameters.AddWithValue("$after", afterUser);
        }

        command.Parameters.AddWithValue("$limit", limit);
        var (table, time, step) = SqliteAnalyticsSql.Source(scope, fromHour, toHour);
        var perHour = new List<string>();
        for (var hour = fromHour; hour < toHour; hour += step)
        {
            var name = "$h" + perHour.Count;
            command.Parameters.AddWithValue(name, hour);
            perHour.Add($"SELECT * FROM (SELECT DISTINCT user_id FROM {table} WHERE {where} AND {time} = {name}{after} ORDER BY user_id LIMIT $limit)");
        }

        command.CommandText = $"{string.Join("\nUNION\n", perHour)}\nORDER BY user_id LIMIT $limit";
        using var rows = SqliteRowStream.Open(connection, command, cancellationToken);
        var users = new List<string>();
        var text = new Utf8StringCache(1);
        while (rows.Read())
        {
            users.Add(text.Get(rows.Utf8(0)));
        }

        return users;
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
            var client = reader.GetString(3);
            var (agent, surface) = AnalyticsMeasureSets.DimensionsOf(client);
            cells.Add(new AnalyticsCell(
                reader.GetInt64(0), reader.GetString(1), reader.GetString(2), client, reader.GetString(4), agent, surface, new UsageMeasures(), engagement));
        }
    }
}
