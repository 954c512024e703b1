using AgentLedger.Core.Metrics;

namespace AgentLedger.Storage.Sqlite;

/// <summary>Rollup SQL built from <see cref="UsageMeasures.Columns"/>, so that a new counter is added in one place.</summary>
internal static class SqliteRollupSql
{
    private static readonly string[] KeyColumns = ["workspace_id", "hour_start", "user_id", "team", "client_id", "model", "agent", "surface"];
    private static readonly string[] KeyParameters = ["$ws", "$hour", "$user", "$team", "$client", "$model", "$agent", "$surface"];

    public static readonly string Upsert =
        $"""
        INSERT INTO usage_hourly ({string.Join(", ", KeyColumns.Concat(UsageMeasures.Columns.Select(c => c.Name)))})
        VALUES ({string.Join(", ", KeyParameters.Concat(UsageMeasures.Columns.Select(c => "$" + c.Name)))})
        ON CONFLICT (workspace_id, hour_start, user_id, team, client_id, model) DO UPDATE SET
        {string.Join(",\n", UsageMeasures.Columns.Select(c => $"    {c.Name} = {c.Name} + excluded.{c.Name}"))}
        """;

    public static readonly string SelectRange =
        $"""
        SELECT workspace_id, hour_start, user_id, team, client_id, model, {string.Join(", ", UsageMeasures.Columns.Select(c => c.Name))}
        FROM usage_hourly
        WHERE workspace_id = $ws AND hour_start >= $from AND hour_start < $to
        ORDER BY hour_start, user_id, client_id, model, team
        """;
}
