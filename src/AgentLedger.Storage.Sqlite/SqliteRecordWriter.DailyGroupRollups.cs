using AgentLedger.Core.Analytics;
using AgentLedger.Core.Metrics;
using AgentLedger.Core.Records;
using Microsoft.Data.Sqlite;

namespace AgentLedger.Storage.Sqlite;

public sealed partial class SqliteRecordWriter
{
    private sealed partial class WriteBatch
    {
        private static readonly string TotalsUpsert =
            $"""
            INSERT INTO usage_daily_totals (workspace_id, day_start, team, client_id, model, agent, surface, {string.Join(", ", UsageMeasures.Columns.Select(c => c.Name))})
            VALUES ($ws, $day, $team, $client, $model, $agent, $surface, {string.Join(", ", UsageMeasures.Columns.Select(c => "$" + c.Name))})
            ON CONFLICT (workspace_id, day_start, team, client_id, model) DO UPDATE SET
            {string.Join(",\n", UsageMeasures.Columns.Select(c => $"    {c.Name} = {c.Name} + excluded.{c.Name}"))}
            """;

        /// <summary>
        /// Keeps the user-free daily rollups (<see cref="DailyGroupRollup"/>) from the commit's daily deltas: totals are
        /// upserted; a membership row is inserted unless it exists, and only an insert that happened raises its count and
        /// moves its user's last day (<c>active_user_last_days</c>) forward.
        /// </summary>
        public void UpsertDailyGroupRollups(IReadOnlyList<KeyValuePair<(string WorkspaceId, UsageRollupKey Key), UsageMeasures>> daily)
        {
            if (daily.Count == 0)
            {
                return;
            }

            UpsertDailyTotals(DailyGroupRollup.Totals(daily));
            var lastDays = new Dictionary<(string WorkspaceId, string Dimension, string Value, string UserId), long>();
            var added = InsertActiveUserDays(DailyGroupRollup.Memberships(daily), lastDays);
            AddActiveUserDayCounts(added);
            UpsertActiveUserLastDays(lastDays);
        }

        private void UpsertDailyTotals(IReadOnlyList<KeyValuePair<(string WorkspaceId, UsageRollupKey Key), UsageMeasures>> totals)
        {
            using var command = _connection.CreateCommand();
            command.Transaction = _transaction;
            command.CommandText = TotalsUpsert;
            var keys = new[] { "$ws", "$day", "$team", "$client", "$model", "$agent", "$surface" }
                .Select(n => command.Parameters.Add(n, SqliteType.Text)).ToArray();
            var measures = AddMeasureParameters(command);
            command.Prepare();
            foreach (var ((workspaceId, key), sums) in totals)
            {
                keys[0].Value = workspaceId;
                keys[1].Value = key.HourStart.ToUnixTimeSeconds();
                keys[2].Value = key.Team;
                keys[3].Value = WireNames.Of(key.ClientId);
                keys[4].Value = key.Model;
                keys[5].Value = WireNames.Of(key.Agent);
                keys[6].Value = WireNames.Of(key.Surface);
                BindMeasures(measures, sums);

                command.ExecuteNonQuery();
            }
        }

        /// <summary>
        /// Inserts the membership rows that do not exist yet; returns how many were new per (workspace, day, dimension,
        /// value), and gathers the latest new day per (workspace, dimension, value, user) into <paramref name="lastDays"/>.
        /// </summary>
        private Dictionary<(string WorkspaceId, long Day, string Dimension, string Value), long> InsertActiveUserDays(
            IReadOnlyList<ActiveUserDay> rows, Dictionary<(string WorkspaceId, string Dimension, string Value, string UserId), long> lastDays)
        {
            var added = new Dictionary<(string, long, string, string), long>();
            // A raw statement (bound by position, see SqliteRawStatement), as the last-day upsert: they run once per
            // membership row and once per new member, the writer's most frequent statements after the record insert.
            using var insert = new SqliteRawStatement(_connection, """
                INSERT INTO active_user_days (workspace_id, day_start, dimension, value, user_id) VALUES ($ws, $day, $dimension, $value, $user)
                ON CONFLICT DO NOTHING
                """);
            foreach (var row in rows)
            {
                insert.Bind(0, row.WorkspaceId);
                insert.Bind(1, row.DayStart);
                insert.Bind(2, row.Dimension);
                insert.Bind(3, row.Value);
                insert.Bind(4, row.UserId);
                // The statement's change count: 1 when the row is new, 0 when the user was already counted that day.
                if (insert.Execute() == 1)
                {
                    var key = (row.WorkspaceId, row.DayStart, row.Dimension, row.Value);
                    added[key] = added.GetValueOrDefault(key) + 1;
                    var member = (row.WorkspaceId, row.Dimension, row.Value, row.UserId);
                    lastDays[member] = Math.Max(lastDays.GetValueOrDefault(member, long.MinValue), row.DayStart);
                }
            }

            return added;
        }

        private void AddActiveUserDayCounts(Dictionary<(string WorkspaceId, long Day, string Dimension, string Value), long> added)
        {
            if (added.Count == 0)
            {
                return;
            }

            using var command = _connection.CreateCommand();
            command.Transaction = _transaction;
            command.CommandText = """
                INSERT INTO active_user_day_counts (workspace_id, day_start, dimension, value, users) VALUES ($ws, $day, $dimension, $value, $users)
                ON CONFLICT (workspace_id, day_start, dimension, value) DO UPDATE SET users = users + excluded.users
                """;
            var ws = command.Parameters.Add("$ws", SqliteType.Text);
            var day = command.Parameters.Add("$day", SqliteType.Integer);
            var dimension = command.Parameters.Add("$dimension", SqliteType.Text);
            var value = command.Parameters.Add("$value", SqliteType.Text);
            var users = command.Parameters.Add("$users", SqliteType.Integer);
            command.Prepare();
            foreach (var ((workspaceId, dayStart, dimensionName, valueName), count) in added)
            {
                (ws.Value, day.Value, dimension.Value, value.Value, users.Value) = (workspaceId, dayStart, dimensionName, valueName, count);
                command.ExecuteNonQuery();
            }
        }

        /// <summary>
        /// Moves each user's last day forward to the newest membership day the commit inserted (never back: an older day
        /// arriving late leaves a later last day as it is).
        /// </summary>
        private void UpsertActiveUserLastDays(Dictionary<(string WorkspaceId, string Dimension, string Value, string UserId), long> lastDays)
        {
            if (lastDays.Count == 0)
            {
                return;
            }

            // Only a later day changes the row (a late record of an older day leaves it, and its index entry, as they are).
            using var upsert = new SqliteRawStatement(_connection, """
                INSERT INTO active_user_last_days (workspace_id, dimension, value, user_id, last_day) VALUES ($ws, $dimension, $value, $user, $day)
                ON CONFLICT (workspace_id, dimension, value, user_id) DO UPDATE SET last_day = excluded.last_day WHERE excluded.last_day > last_day
                """);
            foreach (var ((workspaceId, dimension, value, userId), lastDay) in lastDays)
            {
                upsert.Bind(0, workspaceId);
                upsert.Bind(1, dimension);
                upsert.Bind(2, value);
                upsert.Bind(3, userId);
                upsert.Bind(4, lastDay);
                upsert.Execute();
            }
        }
    }
}
