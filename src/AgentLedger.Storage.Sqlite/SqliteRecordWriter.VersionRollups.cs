using AgentLedger.Core.Analytics;
using AgentLedger.Core.Records;
using Microsoft.Data.Sqlite;

namespace AgentLedger.Storage.Sqlite;

public sealed partial class SqliteRecordWriter
{
    private sealed partial class WriteBatch
    {
        private const string VersionUpsert =
            """
            INSERT INTO usage_versions_hourly (workspace_id, hour_start, user_id, team, client_id, model, agent, surface, client_version, records)
            VALUES ($ws, $hour, $user, $team, $client, $model, $agent, $surface, $version, $records)
            ON CONFLICT (workspace_id, hour_start, user_id, team, client_id, model, client_version) DO UPDATE SET
                records = records + excluded.records
            """;

        /// <summary>Adds the commit's records to the client-version rollup (see <see cref="ClientVersionRollup"/>).</summary>
        public void UpsertVersionRollups(ClientVersionRollup versions)
        {
            if (versions.Count == 0)
            {
                return;
            }

            using var command = _connection.CreateCommand();
            command.Transaction = _transaction;
            command.CommandText = VersionUpsert;
            var p = new[] { "$ws", "$hour", "$user", "$team", "$client", "$model", "$agent", "$surface", "$version", "$records" }
                .Select(n => command.Parameters.Add(n, n is "$hour" or "$records" ? SqliteType.Integer : SqliteType.Text)).ToArray();
            command.Prepare();
            foreach (var (key, records) in versions.Rows)
            {
                p[0].Value = key.WorkspaceId;
                p[1].Value = key.HourStart;
                p[2].Value = key.UserId;
                p[3].Value = key.Team;
                p[4].Value = WireNames.Of(key.ClientId);
                p[5].Value = key.Model;
                p[6].Value = WireNames.Of(key.Agent);
                p[7].Value = WireNames.Of(key.Surface);
                p[8].Value = key.Version;
                p[9].Value = records;
                command.ExecuteNonQuery();
            }
        }
    }
}
