using AgentLedger.Core.Metrics;

namespace AgentLedger.Storage.PostgreSql;

/// <summary>Rollup SQL built from <see cref="UsageMeasures.Columns"/>, so that a new counter is added in one place.</summary>
internal static class PostgreSqlRollupSql
{
    /// <summary>The key columns in parameter order, with their array types.</summary>
    private static readonly (string Name, string Type)[] KeyColumns =
    [
        ("workspace_id", "text"), ("hour_start", "timestamptz"), ("user_id", "text"), ("team", "text"),
        ("client_id", "text"), ("model", "text"), ("agent", "text"), ("surface", "text"),
    ];

    public static int KeyCount => KeyColumns.Length;

    /// <summary>
    /// Every delta row of a commit in one statement: parameters are one array per column, unnested into rows.
    /// The accumulator's keys are distinct, so no row is affected twice.
    /// </summary>
    public static readonly string Upsert =
        $"""
        INSERT INTO usage_hourly ({string.Join(", ", KeyColumns.Select(k => k.Name).Concat(UsageMeasures.Columns.Select(c => c.Name)))})
        SELECT * FROM unnest({string.Join(", ", KeyColumns.Select(k => k.Type).Concat(UsageMeasures.Columns.Select(TypeOf)).Select((t, i) => $"${i + 1}::{t}[]"))})
        ON CONFLICT (workspace_id, hour_start, user_id, team, client_id, model) DO UPDATE SET
        {string.Join(",\n", UsageMeasures.Columns.Select(c => $"    {c.Name} = usage_hourly.{c.Name} + excluded.{c.Name}"))}
        """;

    public static readonly string SelectRange =
        $"""
        SELECT workspace_id, hour_start, user_id, team, client_id, model, {string.Join(", ", UsageMeasures.Columns.Select(c => c.Name))}
        FROM usage_hourly
        WHERE workspace_id = $1 AND hour_start >= $2 AND hour_start < $3
        ORDER BY hour_start, user_id, client_id, model, team
        """;

    private static string TypeOf(MeasureColumn column) => column.IsMoney ? "numeric" : "bigint";
}
