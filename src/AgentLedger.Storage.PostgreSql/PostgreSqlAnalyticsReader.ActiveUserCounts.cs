using AgentLedger.Core.Analytics;
using Npgsql;

namespace AgentLedger.Storage.PostgreSql;

public sealed partial class PostgreSqlAnalyticsReader
{
    public async Task<IReadOnlyList<int>> CountActiveUsersAsync(
        AnalyticsScope scope, IReadOnlyList<(long FromHour, long ToHour)> periods, bool useUserFreeRollups, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ActiveUserCountPlan.CountAsync(
            scope, periods, useUserFreeRollups,
            (member, froms) => ReadLastDaysAsync(connection, scope.WorkspaceId, member, froms, cancellationToken),
            (member, to, froms, maxLateUsers) => CountWithLateUsersAsync(connection, scope.WorkspaceId, member, to, froms, maxLateUsers, cancellationToken),
            (from, to) => CountFromActiveUserDaysAsync(connection, scope, from, to, cancellationToken),
            (from, to) => CountFromPerUserRollupsAsync(connection, scope, from, to, cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>
    /// In one statement (one snapshot, so that a concurrent commit cannot land between the check and the counts): the
    /// latest last day of the value (null: no user has one), the last entry of its index range; and for each window
    /// start, the users whose last day is on or after it. When no last day reaches a window's end, those are exactly
    /// the users with a membership row in the window. Each count is one index range, as long as the window's users.
    /// </summary>
    private static async Task<(long? Latest, int[] Counts)> ReadLastDaysAsync(
        NpgsqlConnection connection, string workspaceId, (string Dimension, string Value) member, List<long> froms,
        CancellationToken cancellationToken)
    {
        const string Member = "FROM active_user_last_days WHERE workspace_id = @ws AND dimension = @dimension AND value = @value";
        await using var command = MemberCommand(connection, workspaceId, member);
        var counts = new string[froms.Count];
        for (var i = 0; i < froms.Count; i++)
        {
            command.Parameters.AddWithValue("from" + i, PostgreSqlAnalyticsSql.Utc(froms[i]));
            counts[i] = $"(SELECT count(*) {Member} AND last_day >= @from{i})";
        }

        command.CommandText =
            $"SELECT (SELECT extract(epoch FROM last_day)::bigint {Member} ORDER BY last_day DESC LIMIT 1), {string.Join(", ", counts)}";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return (reader.IsDBNull(0) ? null : reader.GetInt64(0), Enumerable.Range(1, froms.Count).Select(c => (int)reader.GetInt64(c)).ToArray());
    }

    /// <summary>
    /// In one statement: the users whose last day is at or after <paramref name="to"/> (at most one more than
    /// <paramref name="maxLateUsers"/>, an index range), each one's latest membership day before it (one probe of the
    /// key per day of the longest window, <c>day_start = ANY</c>), and per window start the users whose last day is in
    /// the window plus those late users with a day in it. Null when there are more late users than allowed.
    /// </summary>
    private static async Task<int[]?> CountWithLateUsersAsync(
        NpgsqlConnection connection, string workspaceId, (string Dimension, string Value) member, long to, List<long> froms, int maxLateUsers,
        CancellationToken cancellationToken)
    {
        const string Member = "workspace_id = @ws AND dimension = @dimension AND value = @value";
        await using var command = MemberCommand(connection, workspaceId, member);
        command.Parameters.AddWithValue("to", PostgreSqlAnalyticsSql.Utc(to));
        command.Parameters.AddWithValue("limit", maxLateUsers + 1);
        var days = new List<DateTime>();
        var first = froms.Min();
        for (var day = to - DailyRollup.DaySeconds; day >= first; day -= DailyRollup.DaySeconds)
        {
            days.Add(PostgreSqlAnalyticsSql.Utc(day));
        }

        command.Parameters.Add(new NpgsqlParameter<DateTime[]>("days", days.ToArray()));
        var counts = new string[froms.Count];
        for (var i = 0; i < froms.Count; i++)
        {
            command.Parameters.AddWithValue("from" + i, PostgreSqlAnalyticsSql.Utc(froms[i]));
            counts[i] = $"(SELECT count(*) FROM active_user_last_days WHERE {Member} AND last_day >= @from{i} AND last_day < @to)"
                        + $" + (SELECT count(*) FROM previous WHERE day >= @from{i})";
        }

        command.CommandText = $"""
            WITH late AS MATERIALIZED (SELECT user_id FROM active_user_last_days WHERE {Member} AND last_day >= @to LIMIT @limit),
            previous AS MATERIALIZED (
                SELECT (SELECT max(m.day_start) FROM active_user_days m WHERE {Member} AND m.day_start = ANY(@days) AND m.user_id = late.user_id) AS day
                FROM late)
            SELECT (SELECT count(*) FROM late), {string.Join(", ", counts)}
            """;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return reader.GetInt64(0) > maxLateUsers ? null : Enumerable.Range(1, froms.Count).Select(c => (int)reader.GetInt64(c)).ToArray();
    }

    private static NpgsqlCommand MemberCommand(NpgsqlConnection connection, string workspaceId, (string Dimension, string Value) member)
    {
        var command = connection.CreateCommand();
        command.Parameters.AddWithValue("ws", workspaceId);
        command.Parameters.AddWithValue("dimension", member.Dimension);
        command.Parameters.AddWithValue("value", member.Value);
        return command;
    }

    private static async Task<int> CountFromPerUserRollupsAsync(
        NpgsqlConnection connection, AnalyticsScope scope, long fromHour, long toHour, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        var where = PostgreSqlAnalyticsSql.Where(command, scope);
        var (table, time, _) = PostgreSqlAnalyticsSql.Source(scope, fromHour, toHour);
        command.CommandText = $"SELECT count(DISTINCT user_id) FROM {table} WHERE {where} AND {time} >= @from AND {time} < @to AND user_id <> ''";
        command.Parameters.AddWithValue("from", PostgreSqlAnalyticsSql.Utc(fromHour));
        command.Parameters.AddWithValue("to", PostgreSqlAnalyticsSql.Utc(toHour));
        return (int)(long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }
}
