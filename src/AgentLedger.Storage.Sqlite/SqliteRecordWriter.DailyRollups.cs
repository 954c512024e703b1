using AgentLedger.Core.Analytics;
using AgentLedger.Core.Metrics;
using AgentLedger.Core.Records;
using Microsoft.Data.Sqlite;

namespace AgentLedger.Storage.Sqlite;

public sealed partial class SqliteRecordWriter
{
    private sealed partial class WriteBatch
    {
        private static readonly string DailyUpsert =
            $"""
            INSERT INTO usage_daily (workspace_id, day_start, user_id, team, client_id, model, agent, surface, {string.Join(", ", UsageMeasures.Columns.Select(c => c.Name))})
            VALUES ($ws, $day, $user, $team, $client, $model, $agent, $surface, {string.Join(", ", UsageMeasures.Columns.Select(c => "$" + c.Name))})
            ON CONFLICT (workspace_id, day_start, user_id, team, client_id, model) DO UPDATE SET
            {string.Join(",\n", UsageMeasures.Columns.Select(c => $"    {c.Name} = {c.Name} + excluded.{c.Name}"))}
            """;

        /// <summary>Adds the commit's daily deltas (<see cref="DailyRollup.Of"/>) to the daily (UTC) rollup, beside the hourly one.</summary>
        public void UpsertDailyRollups(IReadOnlyList<KeyValuePair<(string WorkspaceId, UsageRollupKey Key), UsageMeasures>> daily)
        {
            if (daily.Count == 0)
            {
                return;
            }

            using var command = _connection.CreateCommand();
            command.Transaction = _transaction;
            command.CommandText = DailyUpsert;
            var keys = new[] { "$ws", "$day", "$user", "$team", "$client", "$model", "$agent", "$surface" }
                .Select(n => command.Parameters.Add(n, SqliteType.Text)).ToArray();
            var measures = AddMeasureParameters(command);
            command.Prepare();
            foreach (var ((workspaceId, key), sums) in daily)
            {
                keys[0].Value = workspaceId;
                keys[1].Value = key.HourStart.ToUnixTimeSeconds();
                keys[2].Value = key.UserId;
                keys[3].Value = key.Team;
                keys[4].Value = WireNames.Of(key.ClientId);
                keys[5].Value = key.Model;
                keys[6].Value = WireNames.Of(key.Agent);
                keys[7].Value = WireNames.Of(key.Surface);
                BindMeasures(measures, sums);

                command.ExecuteNonQuery();
            }
        }
    }
}
