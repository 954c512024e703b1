using AgentLedger.Core.Analytics;
using AgentLedger.Core.Records;
using Npgsql;

namespace AgentLedger.Storage.PostgreSql;

/// <summary>Adds a commit's records to the client-version rollup in one statement (see <see cref="ClientVersionRollup"/>).</summary>
internal static class PostgreSqlVersionRollups
{
    private const string Upsert =
        """
        INSERT INTO usage_versions_hourly (workspace_id, hour_start, user_id, team, client_id, model, agent, surface, client_version, records)
        SELECT * FROM unnest($1::text[], $2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::bigint[])
        ON CONFLICT (workspace_id, hour_start, user_id, team, client_id, model, client_version) DO UPDATE SET
            records = usage_versions_hourly.records + excluded.records
        """;

    public static async Task UpsertAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<ActivityRecord> records, CancellationToken cancellationToken)
    {
        var versions = new ClientVersionRollup();
        foreach (var record in records)
        {
            versions.Add(record);
        }

        if (versions.Count == 0)
        {
            return;
        }

        var rows = versions.Rows.ToList();
        await using var command = new NpgsqlCommand(Upsert, connection, transaction);
        Add(command, rows.Select(r => r.Key.WorkspaceId));
        Add(command, rows.Select(r => DateTime.UnixEpoch.AddSeconds(r.Key.HourStart)));
        Add(command, rows.Select(r => r.Key.UserId));
        Add(command, rows.Select(r => r.Key.Team));
        Add(command, rows.Select(r => WireNames.Of(r.Key.ClientId)));
        Add(command, rows.Select(r => r.Key.Model));
        Add(command, rows.Select(r => WireNames.Of(r.Key.Agent)));
        Add(command, rows.Select(r => WireNames.Of(r.Key.Surface)));
        Add(command, rows.Select(r => r.Key.Version));
        Add(command, rows.Select(r => r.Value));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static void Add<T>(NpgsqlCommand command, IEnumerable<T> values) =>
        command.Parameters.Add(new NpgsqlParameter<T[]> { TypedValue = values.ToArray() });
}
