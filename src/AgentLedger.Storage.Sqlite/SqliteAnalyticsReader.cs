using AgentLedger.Core.Analytics;
using Microsoft.Data.Sqlite;

namespace AgentLedger.Storage.Sqlite;

/// <summary>
/// Analytics reads over usage_hourly, usage_daily (and its user-free rollups, see <see cref="DailyGroupRollup"/>) and review_comments. Every query leads with (workspace_id, time),
/// the rollup's key, so its cost is the rows of the hours (or days) asked for. A page's cells are read on one
/// connection: one statement when the range is one step of the rollup, two (the page's users, then their rows) otherwise.
/// </summary>
public sealed partial class SqliteAnalyticsReader(SqliteDatabase database) : IAnalyticsReader
{
    public async Task<long?> FirstActiveHourAsync(AnalyticsScope scope, long fromHour, long toHour, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        var where = SqliteAnalyticsSql.Where(command, scope);
        var (table, time, _) = SqliteAnalyticsSql.Source(scope, fromHour, toHour);
        command.CommandText = $"SELECT min({time}) FROM {table} WHERE {where} AND {time} >= $from AND {time} < $to";
        command.Parameters.AddWithValue("$from", fromHour);
        command.Parameters.AddWithValue("$to", toHour);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as long?;
    }

    public async Task<IReadOnlyList<AnalyticsCell>> ReadCellsAsync(
        AnalyticsScope scope, long fromHour, long toHour, string? afterUser, int? userLimit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var (table, time, step) = SqliteAnalyticsSql.Source(scope, fromHour, toHour);
        var cells = new List<AnalyticsCell>();
        string? lastUser = null;
        await using (var command = connection.CreateCommand())
        {
            var where = SqliteAnalyticsSql.Where(command, scope);
            if (userLimit is null)
            {
                ReadUsageCells(connection, command, where + TimeRange(command, time, fromHour, toHour), table, time, scope, null, cells, cancellationToken);
            }
            else if (toHour - fromHour == step)
            {
                // One hour or one UTC day: the key (workspace, time, user, …) yields the rows in user order, so a
                // single range scan from the position reads exactly the page's users and stops at the next one.
                command.Parameters.AddWithValue("$at", fromHour);
                var after = afterUser is null ? "" : " AND user_id > $after";
                if (afterUser is not null)
                {
                    command.Parameters.AddWithValue("$after", afterUser);
                }

                lastUser = ReadUsageCells(
                    connection, command, $"{where} AND {time} = $at{after}", table, time, scope, userLimit, cells, cancellationToken);
            }
            else
            {
                var users = ReadUserKeys(connection, scope, fromHour, toHour, afterUser, userLimit.Value, cancellationToken);
                if (users.Count == 0)
                {
                    return cells;
                }

                lastUser = users[^1];
                ReadUsageCells(
                    connection, command, where + UserRange(command, time, step, fromHour, toHour, afterUser, lastUser), table, time, scope, null, cells,
                    cancellationToken);
            }
        }

        if (scope.Activity == AnalyticsActivity.CodeReview && (userLimit is null || lastUser is not null))
        {
            await ReadEngagementAsync(connection, scope, fromHour, toHour, afterUser, lastUser, cells, cancellationToken).ConfigureAwait(false);
        }

        return cells;
    }

    private static string TimeRange(SqliteCommand command, string time, long fromHour, long toHour)
    {
        command.Parameters.AddWithValue("$from", fromHour);
        command.Parameters.AddWithValue("$to", toHour);
        return $" AND {time} >= $from AND {time} < $to";
    }

    private static string UserRange(SqliteCommand command, string time, long step, long fromHour, long toHour, string? afterUser, string? lastUser)
    {
        if (lastUser is null)
        {
            return TimeRange(command, time, fromHour, toHour);
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
}
