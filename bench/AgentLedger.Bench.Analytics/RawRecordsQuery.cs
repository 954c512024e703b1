using System.Diagnostics;
using AgentLedger.Storage.Sqlite;

using AgentLedger.Bench.Data;

namespace AgentLedger.Bench.Analytics;

/// <summary>
/// The same 90-day daily-per-user answer straight from the records table, as a system without rollups computes it: a
/// thread is the first record of its session (over all history), so every session's first seq is found first.
/// </summary>
internal static class RawRecordsQuery
{
    public static async Task<(IReadOnlyList<RawRow> Rows, TimeSpan Elapsed)> RunAsync(SqliteDatabase database, DateTimeOffset firstDay, int days)
    {
        var clock = Stopwatch.StartNew();
        await using var connection = await database.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandTimeout = 3600;
        command.CommandText = """
            WITH firsts AS (
                SELECT session_id, min(seq) AS first_seq FROM records
                WHERE workspace_id = $ws AND session_id IS NOT NULL GROUP BY session_id)
            SELECT r.occurred_at / 86400000000 * 86400 AS day, r.user_id, count(*),
                   sum(r.seq = f.first_seq), sum(r.kind IN ('user.prompt', 'cloud_task.created')), sum(r.input_tokens),
                   sum(coalesce(r.credits_micros, 0))
            FROM records AS r LEFT JOIN firsts AS f ON f.session_id = r.session_id
            WHERE r.workspace_id = $ws AND r.occurred_at >= $from AND r.occurred_at < $to
            GROUP BY day, r.user_id ORDER BY day, r.user_id
            """;
        command.Parameters.AddWithValue("$ws", ActivityGenerator.WorkspaceId);
        command.Parameters.AddWithValue("$from", firstDay.ToUnixTimeMilliseconds() * 1000);
        command.Parameters.AddWithValue("$to", firstDay.AddDays(days).ToUnixTimeMilliseconds() * 1000);
        var rows = new List<RawRow>();
        await using var reader = await command.ExecuteReaderAsync(CancellationToken.None);
        while (await reader.ReadAsync(CancellationToken.None))
        {
            rows.Add(new RawRow(reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4),
                reader.GetInt64(5), reader.GetInt64(6) / 1_000_000m));
        }

        return (rows, clock.Elapsed);
    }
}
