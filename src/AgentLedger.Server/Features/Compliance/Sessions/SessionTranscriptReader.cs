using System.Globalization;
using System.Text.Json.Nodes;
using AgentLedger.Core.Compliance;
using AgentLedger.Core.Dlp;
using AgentLedger.Core.Keys;
using AgentLedger.Core.Metrics;
using AgentLedger.Core.Records;
using AgentLedger.Server.Auth;
using AgentLedger.Server.Features.Compliance.Audit;
using AgentLedger.Server.Features.Compliance.Findings;

namespace AgentLedger.Server.Features.Compliance.Sessions;

/// <summary>
/// The audited read of sessions, shared by the Compliance API and the dashboard: every call reads the caller's own
/// workspace and writes an audit event naming the caller (API key or dashboard account), whether or not anything was
/// found. Nothing else reads transcripts.
/// </summary>
public sealed class SessionTranscriptReader(IComplianceRecordReader reader, IDlpFindingReader findings, ComplianceAuditor auditor)
{
    /// <summary>A page of the session's transcript after <paramref name="afterSeq"/>; null when the session has no records.</summary>
    public async Task<SessionTranscript?> ReadAsync(AuditCaller caller, string sessionId, long afterSeq, int limit, CancellationToken cancellationToken)
    {
        var workspaceId = caller.User.GetWorkspaceId();
        var records = await reader.ReadSessionAsync(workspaceId, sessionId, afterSeq, limit + 1, cancellationToken).ConfigureAwait(false);
        var items = records.Take(limit).ToList();
        // Audited even when nothing is found: asking whether a session exists is a read too.
        await auditor.RecordAsync(caller, AuditActions.ReadSessionTranscript, ApiKeyScope.ComplianceRead, new JsonObject
        {
            ["session_id"] = sessionId,
            ["after"] = afterSeq,
            ["limit"] = limit,
            ["record_count"] = items.Count,
        }, cancellationToken).ConfigureAwait(false);
        if (items.Count == 0 && afterSeq == 0)
        {
            return null;
        }

        // Gateway records of a session whose telemetry owns accounting repeat the OTLP records' tokens: not summed twice.
        var usage = items.Where(MetricDefinitions.IsCounted).Aggregate(TokenUsage.None, (sum, r) => new TokenUsage(
            sum.InputTokens + r.Usage.InputTokens, sum.CachedInputTokens + r.Usage.CachedInputTokens,
            sum.OutputTokens + r.Usage.OutputTokens, sum.ReasoningTokens + r.Usage.ReasoningTokens));
        var next = items.Count == 0 ? afterSeq : items[^1].Seq;
        var findingsBySeq = (await findings.ReadForRecordsAsync(workspaceId, items.Select(r => r.Seq).ToList(), cancellationToken).ConfigureAwait(false))
            .GroupBy(f => f.Seq)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<DlpFindingView>)g.Select(DlpFindingView.From).ToList());
        return new SessionTranscript(
            sessionId,
            Distinct(items.Select(r => r.UserId)),
            Distinct(items.Select(r => WireNames.Of(r.Agent))),
            Distinct(items.Select(r => WireNames.Of(r.ClientId))),
            Distinct(items.Select(r => r.Model)),
            items.Select(r => TranscriptItem.From(r, findingsBySeq.GetValueOrDefault(r.Seq, []))).ToList(),
            usage,
            records.Count > limit,
            next.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// The user's sessions with records in [start, end), most recent first; with a <paramref name="filter"/> (surface, agent,
    /// team, model), only sessions with a record in the window that matches it.
    /// </summary>
    public async Task<IReadOnlyList<UserSession>> ListUserSessionsAsync(
        AuditCaller caller, string userId, DateTimeOffset start, DateTimeOffset end, RecordFilter filter, int limit, CancellationToken cancellationToken)
    {
        var sessions = await reader.ListUserSessionsAsync(caller.User.GetWorkspaceId(), userId, start, end, filter, limit, cancellationToken)
            .ConfigureAwait(false);
        var details = new JsonObject
        {
            ["user_id"] = userId,
            ["start_time"] = start.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
            ["end_time"] = end.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
            ["limit"] = limit,
            ["session_count"] = sessions.Count,
        };
        AddFilter(details, "surface", filter.Surfaces.Select(WireNames.Of));
        AddFilter(details, "agent", filter.Agents.Select(WireNames.Of));
        AddFilter(details, "team", filter.Teams);
        AddFilter(details, "model", filter.Models);
        await auditor.RecordAsync(caller, AuditActions.ListUserSessions, ApiKeyScope.ComplianceRead, details, cancellationToken).ConfigureAwait(false);
        return sessions;
    }

    private static void AddFilter(JsonObject details, string name, IEnumerable<string> values)
    {
        var list = values.ToList();
        if (list.Count > 0)
        {
            details[name] = new JsonArray(list.Select(v => (JsonNode)v).ToArray());
        }
    }

    private static List<string> Distinct(IEnumerable<string?> values) => values.OfType<string>().Distinct().Order(StringComparer.Ordinal).ToList();
}
