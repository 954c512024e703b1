using AgentLedger.Core.Analytics;
using AgentLedger.Core.Metrics;
using AgentLedger.Core.Records;
using Npgsql;

namespace AgentLedger.Storage.PostgreSql;

/// <summary>
/// Keeps the user-free daily rollups (<see cref="DailyGroupRollup"/>) from a commit's daily deltas, set-based: one
/// statement upserts the totals, one inserts the new membership rows, raises each count by the rows it actually
/// inserted (so a user already counted that day, by an earlier commit or another instance, is not counted again) and
/// moves each of those users' last day forward (<c>active_user_last_days</c>, never back).
/// </summary>
internal static class PostgreSqlDailyGroupRollups
{
    private static readonly string TotalsUpsert =
        $"""
        INSERT INTO usage_daily_totals (workspace_id, day_start, team, client_id, model, agent, surface, {string.Join(", ", UsageMeasures.Columns.Select(c => c.Name))})
        SELECT * FROM unnest($1::text[], $2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
            {string.Join(", ", UsageMeasures.Columns.Select((c, i) => $"${i + 8}::{(c.IsMoney ? "numeric" : "bigint")}[]"))})
        ON CONFLICT (workspace_id, day_start, team, client_id, model) DO UPDATE SET
        {string.Join(",\n", UsageMeasures.Columns.Select(c => $"    {c.Name} = usage_daily_totals.{c.Name} + excluded.{c.Name}"))}
        """;

    private const string MembershipInsert =
        """
        WITH added AS (
            INSERT INTO active_user_days (workspace_id, day_start, dimension, value, user_id)
            SELECT * FROM unnest($1::text[], $2::timestamptz[], $3::text[], $4::text[], $5::text[])
            ON CONFLICT DO NOTHING
            RETURNING workspace_id, day_start, dimension, value, user_id),
        counted AS (
            INSERT INTO active_user_day_counts (workspace_id, day_start, dimension, value, users)
            SELECT workspace_id, day_start, dimension, value, count(*) FROM added
            GROUP BY workspace_id, day_start, dimension, value
            ON CONFLICT (workspace_id, day_start, dimension, value) DO UPDATE SET users = active_user_day_counts.users + excluded.users)
        INSERT INTO active_user_last_days (workspace_id, dimension, value, user_id, last_day)
        SELECT workspace_id, dimension, value, user_id, max(day_start) FROM added
        GROUP BY workspace_id, dimension, value, user_id
        ON CONFLICT (workspace_id, dimension, value, user_id) DO UPDATE SET last_day = GREATEST(active_user_last_days.last_day, excluded.last_day)
        """;

    public static async Task UpsertTotalsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        IReadOnlyList<KeyValuePair<(string WorkspaceId, UsageRollupKey Key), UsageMeasures>> daily, CancellationToken cancellationToken)
    {
        if (daily.Count == 0)
        {
            return;
        }

        var totals = DailyGroupRollup.Totals(daily);
        await using (var command = new NpgsqlCommand(TotalsUpsert, connection, transaction))
        {
            PostgreSqlDailyRollups.Add(command, totals.Select(r => r.Key.WorkspaceId));
            PostgreSqlDailyRollups.Add(command, totals.Select(r => r.Key.Key.HourStart.UtcDateTime));
            PostgreSqlDailyRollups.Add(command, totals.Select(r => r.Key.Key.Team));
            PostgreSqlDailyRollups.Add(command, totals.Select(r => WireNames.Of(r.Key.Key.ClientId)));
            PostgreSqlDailyRollups.Add(command, totals.Select(r => r.Key.Key.Model));
            PostgreSqlDailyRollups.Add(command, totals.Select(r => WireNames.Of(r.Key.Key.Agent)));
            PostgreSqlDailyRollups.Add(command, totals.Select(r => WireNames.Of(r.Key.Key.Surface)));
            foreach (var column in UsageMeasures.Columns)
            {
                if (column.IsMoney)
                {
                    PostgreSqlDailyRollups.Add(command, totals.Select(r => column.Get(r.Value)));
                }
                else
                {
                    PostgreSqlDailyRollups.Add(command, totals.Select(r => (long)column.Get(r.Value)));
                }
            }

            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public static async Task InsertMembershipsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        IReadOnlyList<KeyValuePair<(string WorkspaceId, UsageRollupKey Key), UsageMeasures>> daily, CancellationToken cancellationToken)
    {
        // Distinct rows only: a statement may not insert and count the same membership row twice.
        var members = DailyGroupRollup.Memberships(daily);
        if (members.Count == 0)
        {
            return;
        }

        await using var insert = new NpgsqlCommand(MembershipInsert, connection, transaction);
        PostgreSqlDailyRollups.Add(insert, members.Select(m => m.WorkspaceId));
        PostgreSqlDailyRollups.Add(insert, members.Select(m => PostgreSqlAnalyticsSql.Utc(m.DayStart)));
        PostgreSqlDailyRollups.Add(insert, members.Select(m => m.Dimension));
        PostgreSqlDailyRollups.Add(insert, members.Select(m => m.Value));
        PostgreSqlDailyRollups.Add(insert, members.Select(m => m.UserId));
        await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Rebuilds the membership rows, their per-day counts and the users' last days of <paramref name="workspaceIds"/>
    /// from <c>usage_daily</c> in one batch (the backfill of migrations 0012 and 0013, per workspace): what the writer
    /// keeps commit by commit, for <see cref="PostgreSqlBulkLoader"/>, which skips it per commit. Inserting those rows
    /// one commit at a time was most of a bulk load's time on PostgreSQL (docs/perf/scale.md).
    /// </summary>
    public static async Task RebuildMembershipsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string[] workspaceIds, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection, transaction) { Timeout = 0 };
        foreach (var sql in MembershipRebuild)
        {
            var command = new NpgsqlBatchCommand(sql);
            command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = workspaceIds });
            batch.BatchCommands.Add(command);
        }

        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static readonly string[] MembershipRebuild =
    [
        "DELETE FROM active_user_last_days WHERE workspace_id = ANY($1)",
        "DELETE FROM active_user_day_counts WHERE workspace_id = ANY($1)",
        "DELETE FROM active_user_days WHERE workspace_id = ANY($1)",
        "INSERT INTO active_user_days (workspace_id, day_start, dimension, value, user_id)\n"
        + string.Join("\nUNION ", DailyGroupRollup.Dimensions.Select(d =>
            $"SELECT workspace_id, day_start, '{d}', {MembershipValueColumn(d)}, user_id FROM usage_daily WHERE workspace_id = ANY($1) AND user_id <> '' AND records > 0")),
        """
        INSERT INTO active_user_day_counts (workspace_id, day_start, dimension, value, users)
        SELECT workspace_id, day_start, dimension, value, count(*) FROM active_user_days WHERE workspace_id = ANY($1)
        GROUP BY workspace_id, day_start, dimension, value
        """,
        """
        INSERT INTO active_user_last_days (workspace_id, dimension, value, user_id, last_day)
        SELECT workspace_id, dimension, value, user_id, max(day_start) FROM active_user_days WHERE workspace_id = ANY($1)
        GROUP BY workspace_id, dimension, value, user_id
        """,
    ];

    /// <summary>The <c>usage_daily</c> column holding a membership dimension's value.</summary>
    private static string MembershipValueColumn(string dimension) => dimension switch
    {
        DailyGroupRollup.Workspace => "''",
        "client" => "client_id",
        _ => dimension,
    };
}
