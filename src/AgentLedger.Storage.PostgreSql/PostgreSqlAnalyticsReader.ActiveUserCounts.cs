using AgentLedger.Core.Analytics;
using Npgsql;

namespace AgentLedger.Storage.PostgreSql;

public sealed partial class PostgreSqlAnalyticsReader
{
    public async Task<IReadOnlyList<int>> CountActiveUsersAsync(
        AnalyticsScope scope, IReadOnlyList<(long FromHour, long ToHour)> periods, bool useUserFreeRollups, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var member = useUserFreeRollups ? DailyGroupRollup.LastDayMember(scope) : null;
        // The latest last day of the value (long.MinValue: no user has one); null when the last days cannot answer.
        var latest = member is { } m && periods.Any(p => DailyRollup.Covers(p.FromHour, p.ToHour))
            ? await LatestLastDayAsync(connection, scope.WorkspaceId, m, cancellationToken).ConfigureAwait(false) ?? long.MinValue
            : (long?)null;
        var counts = new int[periods.Count];
        for (var i = 0; i < periods.Count; i++)
        {
            var (from, to) = periods[i];
            // A last day at or after the window's end (a record dated in the future) hides whether that user was also
            // active inside the window: then the membership rows answer.
            if (member is { } one && latest < to && DailyRollup.Covers(from, to))
            {
                counts[i] = await CountFromLastDaysAsync(connection, scope.WorkspaceId, one, from, cancellationToken).ConfigureAwait(false);
            }
            else if (useUserFreeRollups
                     && await CountFromActiveUserDaysAsync(connection, scope, from, to, cancellationToken).ConfigureAwait(false) is { } counted)
            {
                counts[i] = counted;
            }
            else
            {
                counts[i] = await CountFromPerUserRollupsAsync(connection, scope, from, to, cancellationToken).ConfigureAwait(false);
            }
        }

        return counts;
    }

    /// <summary>The latest last day of the value (null: no user has one): the last entry of its index range.</summary>
    private static async Task<long?> LatestLastDayAsync(
        NpgsqlConnection connection, string workspaceId, (string Dimension, string Value) member, CancellationToken cancellationToken)
    {
        await using var command = MemberCommand(connection, workspaceId, member);
        command.CommandText = """
            SELECT extract(epoch FROM last_day)::bigint FROM active_user_last_days
            WHERE workspace_id = @ws AND dimension = @dimension AND value = @value
            ORDER BY last_day DESC LIMIT 1
            """;
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as long?;
    }

    /// <summary>
    /// Users whose last day is on or after <paramref name="from"/>: when no last day reaches the window's end, exactly
    /// the users with a membership row in the window. One index range, as long as the window's users.
    /// </summary>
    private static async Task<int> CountFromLastDaysAsync(
        NpgsqlConnection connection, string workspaceId, (string Dimension, string Value) member, long from, CancellationToken cancellationToken)
    {
        await using var command = MemberCommand(connection, workspaceId, member);
        command.CommandText = """
            SELECT count(*) FROM active_user_last_days
            WHERE workspace_id = @ws AND dimension = @dimension AND value = @value AND last_day >= @from
            """;
        command.Parameters.AddWithValue("from", PostgreSqlAnalyticsSql.Utc(from));
        return (int)(long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
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
