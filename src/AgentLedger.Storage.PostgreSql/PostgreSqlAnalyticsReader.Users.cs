using AgentLedger.Core.Analytics;
using Npgsql;

namespace AgentLedger.Storage.PostgreSql;

public sealed partial class PostgreSqlAnalyticsReader
{
    public async Task<IReadOnlyList<AnalyticsCell>> ReadUserTotalsAsync(AnalyticsScope scope, long fromHour, long toHour, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        var where = PostgreSqlAnalyticsSql.Where(command, scope);
        command.Parameters.AddWithValue("from", PostgreSqlAnalyticsSql.Utc(fromHour));
        command.Parameters.AddWithValue("to", PostgreSqlAnalyticsSql.Utc(toHour));
        var (table, time, _) = PostgreSqlAnalyticsSql.Source(scope, fromHour, toHour);
        command.CommandText = $"""
            SELECT user_id, {PostgreSqlAnalyticsSql.MeasureSums} FROM {table}
            WHERE {where} AND {time} >= @from AND {time} < @to AND user_id <> ''
            GROUP BY user_id
            """;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var cells = new List<AnalyticsCell>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            cells.Add(new AnalyticsCell(fromHour, reader.GetString(0), "", "", "", "", "", ReadMeasures(reader, 1)));
        }

        return cells;
    }

    public async Task<IReadOnlyList<(string UserId, long HourStart)>> ReadActiveHoursAsync(
        AnalyticsScope scope, long fromHour, long toHour, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        var where = PostgreSqlAnalyticsSql.Where(command, scope);
        command.Parameters.AddWithValue("from", PostgreSqlAnalyticsSql.Utc(fromHour));
        command.Parameters.AddWithValue("to", PostgreSqlAnalyticsSql.Utc(toHour));
        command.CommandText = $"""
            SELECT DISTINCT user_id, {Epoch} FROM usage_hourly
            WHERE {where} AND hour_start >= @from AND hour_start < @to AND user_id <> '' AND records > 0
            """;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var pairs = new List<(string, long)>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            pairs.Add((reader.GetString(0), reader.GetInt64(1)));
        }

        return pairs;
    }

    public async Task<IReadOnlyDictionary<string, string>> ReadUserEmailsAsync(
        string workspaceId, IReadOnlyCollection<string> userIds, CancellationToken cancellationToken)
    {
        var emails = new Dictionary<string, string>(StringComparer.Ordinal);
        if (userIds.Count == 0)
        {
            return emails;
        }

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            "SELECT user_id, email FROM users WHERE workspace_id = $1 AND user_id = ANY($2) AND email IS NOT NULL", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = workspaceId });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = userIds.ToArray() });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            emails[reader.GetString(0)] = reader.GetString(1);
        }

        return emails;
    }
}
