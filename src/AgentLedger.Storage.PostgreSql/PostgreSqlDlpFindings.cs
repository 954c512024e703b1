using AgentLedger.Core.Dlp;
using AgentLedger.Core.Records;
using Npgsql;

namespace AgentLedger.Storage.PostgreSql;

/// <summary>
/// Copies the DLP findings of a commit's records into dlp_findings and adds them to the hourly rollup
/// dlp_finding_hours, inside the commit's transaction: two set-based statements whatever the commit's size.
/// </summary>
internal static class PostgreSqlDlpFindings
{
    public static async Task InsertAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IEnumerable<ActivityRecord> records,
        CancellationToken cancellationToken)
    {
        var findings = records.SelectMany(StoredDlpFinding.Of).ToList();
        if (findings.Count == 0)
        {
            return;
        }

        await using var batch = new NpgsqlBatch(connection, transaction);
        var insert = new NpgsqlBatchCommand("""
            INSERT INTO dlp_findings (workspace_id, seq, ordinal, record_id, occurred_at, user_id, session_id, agent, rule, category, field, action,
                                      start, length, original_start, original_length, value_hash)
            SELECT * FROM unnest($1::text[], $2::bigint[], $3::int[], $4::text[], $5::timestamptz[], $6::text[], $7::text[], $8::text[], $9::text[],
                                 $10::text[], $11::text[], $12::text[], $13::int[], $14::int[], $15::int[], $16::int[], $17::text[])
            """);
        Add(insert, findings.Select(f => f.WorkspaceId));
        Add(insert, findings.Select(f => f.Seq));
        Add(insert, findings.Select(f => f.Ordinal));
        Add(insert, findings.Select(f => f.RecordId));
        Add(insert, findings.Select(f => f.OccurredAt.UtcDateTime));
        Add(insert, findings.Select(f => f.UserId));
        Add(insert, findings.Select(f => f.SessionId));
        Add(insert, findings.Select(f => f.Agent));
        Add(insert, findings.Select(f => f.Rule));
        Add(insert, findings.Select(f => f.Category));
        Add(insert, findings.Select(f => f.Field));
        Add(insert, findings.Select(f => f.Action));
        Add(insert, findings.Select(f => f.Start));
        Add(insert, findings.Select(f => f.Length));
        Add(insert, findings.Select(f => f.OriginalStart));
        Add(insert, findings.Select(f => f.OriginalLength));
        Add(insert, findings.Select(f => f.Hash));
        batch.BatchCommands.Add(insert);

        var hours = findings
            .GroupBy(f => (f.WorkspaceId, Hour: HourOf(f.OccurredAt), f.Rule, f.Action))
            .Select(g => (g.Key, Category: g.First().Category, Count: (long)g.Count()))
            .ToList();
        var upsert = new NpgsqlBatchCommand("""
            INSERT INTO dlp_finding_hours AS h (workspace_id, hour_start, rule, action, category, findings)
            SELECT * FROM unnest($1::text[], $2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::bigint[])
            ON CONFLICT (workspace_id, hour_start, rule, action) DO UPDATE SET findings = h.findings + excluded.findings
            """);
        Add(upsert, hours.Select(h => h.Key.WorkspaceId));
        Add(upsert, hours.Select(h => h.Key.Hour));
        Add(upsert, hours.Select(h => h.Key.Rule));
        Add(upsert, hours.Select(h => h.Key.Action));
        Add(upsert, hours.Select(h => h.Category));
        Add(upsert, hours.Select(h => h.Count));
        batch.BatchCommands.Add(upsert);
        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static DateTime HourOf(DateTimeOffset at) =>
        new(at.UtcTicks - (at.UtcTicks % TimeSpan.TicksPerHour), DateTimeKind.Utc);

    private static void Add<T>(NpgsqlBatchCommand command, IEnumerable<T> values) =>
        command.Parameters.Add(new NpgsqlParameter<T[]> { TypedValue = values.ToArray() });
}
