using AgentLedger.Core.Metrics;
using AgentLedger.Core.Records;

namespace AgentLedger.Storage.Sqlite;

public sealed class SqliteUsageRollupReader(SqliteDatabase database) : IUsageRollupReader
{
    public async Task<IReadOnlyList<UsageRollupRow>> ReadHourlyAsync(string workspaceId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = SqliteRollupSql.SelectRange;
        command.Parameters.AddWithValue("$ws", workspaceId);
        command.Parameters.AddWithValue("$from", from.ToUnixTimeSeconds());
        command.Parameters.AddWithValue("$to", to.ToUnixTimeSeconds());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<UsageRollupRow>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var key = new UsageRollupKey(
                DateTimeOffset.FromUnixTimeSeconds(reader.GetInt64(1)),
                reader.GetString(2),
                reader.GetString(3),
                WireNames.ParseClientId(reader.GetString(4)),
                reader.GetString(5));
            var measures = new UsageMeasures();
            for (var c = 0; c < UsageMeasures.Columns.Count; c++)
            {
                var column = UsageMeasures.Columns[c];
                var raw = reader.GetInt64(6 + c);
                column.Set(measures, column.IsMoney ? SqliteMoney.FromMicros(raw) : raw);
            }

            rows.Add(new UsageRollupRow(reader.GetString(0), key, measures));
        }

        return rows;
    }
}
