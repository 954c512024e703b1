using AgentLedger.Core.Metrics;
using AgentLedger.Core.Records;
using Npgsql;

namespace AgentLedger.Storage.PostgreSql;

public sealed class PostgreSqlUsageRollupReader(PostgreSqlDatabase database) : IUsageRollupReader
{
    public async Task<IReadOnlyList<UsageRollupRow>> ReadHourlyAsync(string workspaceId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(PostgreSqlRollupSql.SelectRange, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = workspaceId });
        command.Parameters.Add(new NpgsqlParameter { Value = from.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter { Value = to.ToUniversalTime() });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<UsageRollupRow>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var key = new UsageRollupKey(
                reader.GetFieldValue<DateTimeOffset>(1),
                reader.GetString(2),
                reader.GetString(3),
                WireNames.ParseClientId(reader.GetString(4)),
                reader.GetString(5));
            var measures = new UsageMeasures();
            for (var c = 0; c < UsageMeasures.Columns.Count; c++)
            {
                var column = UsageMeasures.Columns[c];
                column.Set(measures, column.IsMoney ? PostgreSqlMoney.Normalize(reader.GetDecimal(6 + c)) : reader.GetInt64(6 + c));
            }

            rows.Add(new UsageRollupRow(reader.GetString(0), key, measures));
        }

        return rows;
    }
}
