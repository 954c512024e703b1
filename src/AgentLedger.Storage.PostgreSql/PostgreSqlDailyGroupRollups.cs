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

    public static async Task UpsertAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
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
}
