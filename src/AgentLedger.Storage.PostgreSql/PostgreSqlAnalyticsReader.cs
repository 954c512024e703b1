using AgentLedger.Core.Analytics;
using AgentLedger.Core.Metrics;
using Npgsql;

namespace AgentLedger.Storage.PostgreSql;

/// <summary>
/// Analytics reads over usage_hourly, usage_daily (and its user-free rollups, see <see cref="DailyGroupRollup"/>) and review_comments. User ids compare and sort with the "C" collation so
/// that keyset positions agree with the ordinal order the page reader uses, whatever the database's collation.
/// </summary>
public sealed partial class PostgreSqlAnalyticsReader(PostgreSqlDatabase database) : IAnalyticsReader
{
    private const string Epoch = "extract(epoch FROM hour_start)::bigint";

    public async Task<long?> FirstActiveHourAsync(AnalyticsScope scope, long fromHour, long toHour, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        var where = PostgreSqlAnalyticsSql.Where(command, scope);
        var (table, time, _) = PostgreSqlAnalyticsSql.Source(scope, fromHour, toHour);
        command.CommandText = $"SELECT extract(epoch FROM min({time}))::bigint FROM {table} WHERE {where} AND {time} >= @from AND {time} < @to";
        command.Parameters.AddWithValue("from", PostgreSqlAnalyticsSql.Utc(fromHour));
        command.Parameters.AddWithValue("to", PostgreSqlAnalyticsSql.Utc(toHour));
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as long?;
    }

    public async Task<IReadOnlyList<AnalyticsCell>> ReadCellsAsync(
        AnalyticsScope scope, long fromHour, long toHour, string? afterUser, int? userLimit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var cells = new List<AnalyticsCell>();
        string? lastUser = null;
        await using (var command = connection.CreateCommand())
        {
            var (table, time, step) = PostgreSqlAnalyticsSql.Source(scope, fromHour, toHour);
            var where = PostgreSqlAnalyticsSql.Where(command, scope);
            var measures = AnalyticsMeasureSets.For(scope);
            command.Parameters.AddWithValue("from", PostgreSqlAnalyticsSql.Utc(fromHour));
            command.Parameters.AddWithValue("to", PostgreSqlAnalyticsSql.Utc(toHour));
            var version = scope.ClientVersions ? ", client_version" : "";
            var select =
                $"SELECT extract(epoch FROM {time})::bigint, user_id, team, client_id, model, {string.Join(", ", measures.Select(m => m.Name))}{version} FROM {table} WHERE {where} AND {time} >= @from AND {time} < @to";
            if (userLimit is null)
            {
                command.CommandText = select;
            }
            else
            {
                var after = afterUser is null ? "" : " AND user_id COLLATE \"C\" > @after";
                if (afterUser is not null)
                {
                    command.Parameters.AddWithValue("after", afterUser);
                }

                command.Parameters.AddWithValue("limit", userLimit.Value);
                command.Parameters.Add(new NpgsqlParameter<DateTime[]>("hours", PostgreSqlAnalyticsSql.Hours(fromHour, toHour, step)));
                // The page's users (per hour, the first users after the position; their union's first ones) and their
                // rows, in one round trip. The rows' user range (after the position, up to the page's last user) lets
                // the daily rollup's "C"-ordered index (migration 0015) read the page's users' rows only.
                command.CommandText = $"""
                    WITH page_users AS (
                        SELECT DISTINCT u.uid FROM unnest(@hours) AS h (hour)
                        CROSS JOIN LATERAL (
                            SELECT DISTINCT user_id COLLATE "C" AS uid FROM {table} WHERE {where} AND {time} = h.hour{after}
                            ORDER BY 1 LIMIT @limit) AS u
                        ORDER BY 1 LIMIT @limit)
                    {select}{after} AND user_id COLLATE "C" <= (SELECT max(uid) FROM page_users) AND user_id COLLATE "C" IN (SELECT uid FROM page_users)
                    """;
            }

            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var cell = ReadCell(reader, ReadMeasures(reader, 5, measures), null);
                if (scope.ClientVersions)
                {
                    cell = cell with { ClientVersion = reader.GetString(5 + measures.Count) };
                }

                if (userLimit is not null && (lastUser is null || string.CompareOrdinal(cell.UserId, lastUser) > 0))
                {
                    lastUser = cell.UserId;
                }

                cells.Add(cell);
            }
        }

        if (scope.Activity == AnalyticsActivity.CodeReview && (userLimit is null || lastUser is not null))
        {
            await using var command = connection.CreateCommand();
            var where = PostgreSqlAnalyticsSql.Where(command, scope, usageTable: false) + UserRange(command, "hour_start", fromHour, toHour, afterUser, lastUser);
            command.CommandText = $"""
                SELECT {Epoch}, user_id, team, client_id, model, count(*),
                       count(*) FILTER (WHERE replies > 0 OR upvotes > 0 OR downvotes > 0 OR other_reactions > 0),
                       count(*) FILTER (WHERE upvotes > 0 OR downvotes > 0 OR other_reactions > 0),
                       count(*) FILTER (WHERE upvotes > 0), count(*) FILTER (WHERE downvotes > 0),
                       count(*) FILTER (WHERE other_reactions > 0), count(*) FILTER (WHERE replies > 0)
                FROM review_comments WHERE {where}
                GROUP BY hour_start, user_id, team, client_id, model
                """;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                cells.Add(ReadCell(reader, new UsageMeasures(), new ReviewEngagement
                {
                    Comments = reader.GetInt64(5), Engaged = reader.GetInt64(6), Reacted = reader.GetInt64(7), Upvoted = reader.GetInt64(8),
                    Downvoted = reader.GetInt64(9), ReactedOther = reader.GetInt64(10), Replied = reader.GetInt64(11),
                }));
            }
        }

        return cells;
    }

    private static string UserRange(NpgsqlCommand command, string time, long fromHour, long toHour, string? afterUser, string? lastUser)
    {
        command.Parameters.AddWithValue("from", PostgreSqlAnalyticsSql.Utc(fromHour));
        command.Parameters.AddWithValue("to", PostgreSqlAnalyticsSql.Utc(toHour));
        var sql = $" AND {time} >= @from AND {time} < @to";
        if (lastUser is not null)
        {
            command.Parameters.AddWithValue("last", lastUser);
            sql += " AND user_id COLLATE \"C\" <= @last";
        }

        if (afterUser is not null && lastUser is not null)
        {
            command.Parameters.AddWithValue("after", afterUser);
            sql += " AND user_id COLLATE \"C\" > @after";
        }

        return sql;
    }

    private static UsageMeasures ReadMeasures(NpgsqlDataReader reader, int offset, IReadOnlyList<MeasureColumn>? columns = null)
    {
        columns ??= UsageMeasures.Columns;
        var measures = new UsageMeasures();
        for (var c = 0; c < columns.Count; c++)
        {
            var column = columns[c];
            column.Set(measures, column.IsMoney ? PostgreSqlMoney.Normalize(reader.GetDecimal(offset + c)) : reader.GetInt64(offset + c));
        }

        return measures;
    }

    /// <summary>A cell from (time, user, team, client, model) columns, or (time, team, client, model) when <paramref name="userFree"/>.</summary>
    private static AnalyticsCell ReadCell(NpgsqlDataReader reader, UsageMeasures measures, ReviewEngagement? engagement, bool userFree = false)
    {
        var at = userFree ? 0 : 1;
        var client = reader.GetString(2 + at);
        var (agent, surface) = AnalyticsMeasureSets.DimensionsOf(client);
        return new AnalyticsCell(
            reader.GetInt64(0), userFree ? "" : reader.GetString(1), reader.GetString(1 + at), client, reader.GetString(3 + at), agent, surface, measures, engagement);
    }
}
