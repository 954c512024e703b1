using AgentLedger.Core.Analytics;
using AgentLedger.Core.Metrics;
using AgentLedger.Core.Records;
using Npgsql;

namespace AgentLedger.Storage.PostgreSql;

/// <summary>Adds a commit's deltas to the daily (UTC) rollup, beside the hourly one, in one statement (see <see cref="DailyRollup"/>).</summary>
internal static class PostgreSqlDailyRollups
{
    private static readonly string Upsert =
        $"""
        INSERT INTO usage_daily (workspace_id, day_start, user_id, team, client_id, model, agent, surface, {string.Join(", ", UsageMeasures.Columns.Select(c => c.Name))})
        SELECT * FROM unnest($1::text[], $2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
            {string.Join(", ", UsageMeasures.Columns.Select((c, i) => $"${i + 9}::{(c.IsMoney ? "numeric" : "bigint")}[]"))})
        ON CONFLICT (workspace_id, day_start, user_id, team, client_id, model) DO UPDATE SET
        {string.Join(",\n", UsageMeasures.Columns.Select(c => $"    {c.Name} = usage_daily.{c.Name} + excluded.{c.Name}"))}
        """;

    public static async Task UpsertAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        IReadOnlyList<KeyValuePair<(string WorkspaceId, UsageRollupKey Key), UsageMeasures>> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }

        await using var command = new NpgsqlCommand(Upsert, connection, transaction);
        Add(command, rows.Select(r => r.Key.WorkspaceId));
        Add(command, rows.Select(r => r.Key.Key.HourStart.UtcDateTime));
        Add(command, rows.Select(r => r.Key.Key.UserId));
        Add(command, rows.Select(r => r.Key.Key.Team));
        Add(command, rows.Select(r => WireNames.Of(r.Key.Key.ClientId)));
        Add(command, rows.Select(r => r.Key.Key.Model));
        Add(command, rows.Select(r => WireNames.Of(r.Key.Key.Agent)));
        Add(command, rows.Select(r => WireNames.Of(r.Key.Key.Surface)));
        foreach (var column in UsageMeasures.Columns)
        {
            if (column.IsMoney)
            {
                Add(command, rows.Select(r => column.Get(r.Value)));
            }
            else
            {
                Add(command, rows.Select(r => (long)column.Get(r.Value)));
            }
        }

        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    internal static void Add<T>(NpgsqlCommand command, IEnumerable<T> values) =>
        command.Parameters.Add(new NpgsqlParameter<T[]> { TypedValue = values.ToArray() });
}
