using System.Text;
using System.Text.Json;
using AgentLedger.Core.Analytics;
using AgentLedger.Core.Metrics;

namespace AgentLedger.Storage.Sqlite;

public sealed partial class SqliteAnalyticsReader
{
    public async Task<IReadOnlyList<AnalyticsCell>> ReadUserTotalsAsync(AnalyticsScope scope, long fromHour, long toHour, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        var where = SqliteAnalyticsSql.Where(command, scope);
        command.Parameters.AddWithValue("$from", fromHour);
        command.Parameters.AddWithValue("$to", toHour);
        var (table, time, _) = SqliteAnalyticsSql.Source(scope, fromHour, toHour);
        command.CommandText = $"""
            SELECT user_id, {SqliteAnalyticsSql.MeasureSums} FROM {table}
            WHERE {where} AND {time} >= $from AND {time} < $to AND user_id <> ''
            GROUP BY user_id
            """;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var cells = new List<AnalyticsCell>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var measures = new UsageMeasures();
            for (var c = 0; c < UsageMeasures.Columns.Count; c++)
            {
                var column = UsageMeasures.Columns[c];
                var raw = reader.GetInt64(1 + c);
                column.Set(measures, column.IsMoney ? SqliteMoney.FromMicros(raw) : raw);
            }

            cells.Add(new AnalyticsCell(fromHour, reader.GetString(0), "", "", "", "", "", measures));
        }

        return cells;
    }

    public async Task<IReadOnlyList<(string UserId, long HourStart)>> ReadActiveHoursAsync(
        AnalyticsScope scope, long fromHour, long toHour, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        var where = SqliteAnalyticsSql.Where(command, scope);
        command.Parameters.AddWithValue("$from", fromHour);
        command.Parameters.AddWithValue("$to", toHour);
        command.CommandText = $"""
            SELECT DISTINCT user_id, hour_start FROM usage_hourly
            WHERE {where} AND hour_start >= $from AND hour_start < $to AND user_id <> '' AND records > 0
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
        await using var command = connection.CreateCommand();
        // One JSON array parameter instead of one parameter per id: no limit on the page size, one statement.
        // CROSS JOIN keeps json_each as the outer loop, so each id is one primary-key lookup.
        command.CommandText = """
            SELECT u.user_id, u.email FROM json_each($ids) AS id
            CROSS JOIN users AS u ON u.workspace_id = $ws AND u.user_id = id.value
            WHERE u.email IS NOT NULL
            """;
        command.Parameters.AddWithValue("$ws", workspaceId);
        command.Parameters.AddWithValue("$ids", JsonSerializer.Serialize(userIds));
        using var rows = SqliteRowStream.Open(connection, command, cancellationToken);
        while (rows.Read())
        {
            emails[Encoding.UTF8.GetString(rows.Utf8(0))] = Encoding.UTF8.GetString(rows.Utf8(1));
        }

        return emails;
    }
}
