using AgentLedger.Core.Dlp;
using AgentLedger.Core.Records;
using Microsoft.Data.Sqlite;

namespace AgentLedger.Storage.Sqlite;

public sealed partial class SqliteRecordWriter
{
    private sealed partial class WriteBatch
    {
        private const string FindingSql = """
            INSERT INTO dlp_findings (workspace_id, seq, ordinal, record_id, occurred_at, user_id, session_id, agent, rule, category, field, action,
                                      start, length, original_start, original_length, value_hash)
            VALUES ($ws, $seq, $ordinal, $record, $at, $user, $session, $agent, $rule, $category, $field, $action,
                    $start, $length, $ostart, $olength, $hash)
            """;

        private const string FindingHourSql = """
            INSERT INTO dlp_finding_hours (workspace_id, hour_start, rule, action, category, findings)
            VALUES ($ws, $hour, $rule, $action, $category, $n)
            ON CONFLICT (workspace_id, hour_start, rule, action) DO UPDATE SET findings = findings + excluded.findings
            """;

        private readonly Dictionary<(string Workspace, long Hour, string Rule, string Action), (string Category, long Count)> _findingHours = [];
        private SqliteCommand? _finding;

        /// <summary>Copies the stored record's DLP findings into the findings table and counts them for the hourly rollup.</summary>
        public void InsertDlpFindings(ActivityRecord stored)
        {
            var findings = StoredDlpFinding.Of(stored);
            if (findings.Count == 0)
            {
                return;
            }

            _finding ??= Prepare(FindingSql, "$ws", "$seq", "$ordinal", "$record", "$at", "$user", "$session", "$agent", "$rule", "$category", "$field",
                "$action", "$start", "$length", "$ostart", "$olength", "$hash");
            var hour = stored.OccurredAt.ToUnixTimeSeconds() - ((stored.OccurredAt.ToUnixTimeSeconds() % 3600 + 3600) % 3600);
            foreach (var f in findings)
            {
                Bind(_finding, f.WorkspaceId, f.Seq, f.Ordinal, f.RecordId, SqliteTime.ToMicros(f.OccurredAt), f.UserId, f.SessionId, f.Agent, f.Rule,
                    f.Category, f.Field, f.Action, f.Start, f.Length, f.OriginalStart, f.OriginalLength, f.Hash);
                _finding.ExecuteNonQuery();
                var key = (f.WorkspaceId, hour, f.Rule, f.Action);
                _findingHours[key] = (f.Category, _findingHours.GetValueOrDefault(key).Count + 1);
            }
        }

        public void UpsertDlpFindingHours()
        {
            if (_findingHours.Count == 0)
            {
                return;
            }

            using var command = Prepare(FindingHourSql, "$ws", "$hour", "$rule", "$action", "$category", "$n");
            foreach (var ((workspaceId, hour, rule, action), (category, count)) in _findingHours)
            {
                Bind(command, workspaceId, hour, rule, action, category, count);
                command.ExecuteNonQuery();
            }
        }

        private void DisposeDlpStatements() => _finding?.Dispose();
    }
}
