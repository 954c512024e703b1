using System.ComponentModel;
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
using Microsoft.AspNetCore.Http.HttpResults;

namespace AgentLedger.Server.Features.Compliance.Sessions;

/// <summary>
/// <c>GET /api/v1/compliance/sessions/{session_id}</c>: the ordered prompts, responses, tool calls and results of one
/// session of the key's workspace, paged on seq. Every view is an audit event (<see cref="AuditActions.ReadSessionTranscript"/>).
/// </summary>
public static class SessionTranscriptEndpoints
{
    public const int MaxLimit = 5000;
    public const int DefaultLimit = 1000;

    public static IEndpointRouteBuilder MapSessionTranscripts(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/v1/compliance/sessions/{session_id}", GetAsync).WithTags("Compliance")
            .WithSummary("A session's transcript: its prompts, responses, tool calls and results in order, paged on seq.").RequireScope(ApiKeyScope.ComplianceRead);
        return routes;
    }

    public static async Task<Results<Ok<SessionTranscript>, ProblemHttpResult>> GetAsync(
        [Description("The session (thread) id.")] string session_id,
        [Description("next_page of the previous page; 0 when absent.")] string? after,
        [Description("Items per page, 1 to 5000 (default 1000).")] int? limit,
        IComplianceRecordReader reader, IDlpFindingReader findings, ComplianceAuditor auditor, HttpContext http,
        CancellationToken cancellationToken)
    {
        var size = limit ?? DefaultLimit;
        if (size is < 1 or > MaxLimit)
        {
            return Problem($"limit must be between 1 and {MaxLimit}.", StatusCodes.Status400BadRequest);
        }

        long afterSeq = 0;
        if (after is not null && !long.TryParse(after, NumberStyles.None, CultureInfo.InvariantCulture, out afterSeq))
        {
            return Problem("after must be the next_page of a previous page.", StatusCodes.Status400BadRequest);
        }

        var workspaceId = http.User.GetWorkspaceId();
        var records = await reader.ReadSessionAsync(workspaceId, session_id, afterSeq, size + 1, cancellationToken).ConfigureAwait(false);
        var items = records.Take(size).ToList();
        // Audited even when nothing is found: asking whether a session exists is a read too.
        await auditor.RecordAsync(http, AuditActions.ReadSessionTranscript, ApiKeyScope.ComplianceRead, new JsonObject
        {
            ["session_id"] = session_id,
            ["after"] = afterSeq,
            ["limit"] = size,
            ["record_count"] = items.Count,
        }, cancellationToken).ConfigureAwait(false);
        if (items.Count == 0 && afterSeq == 0)
        {
            return Problem($"Session '{session_id}' was not found.", StatusCodes.Status404NotFound);
        }

        // Gateway records of a session whose telemetry owns accounting repeat the OTLP records' tokens: not summed twice.
        var usage = items.Where(MetricDefinitions.IsCounted).Aggregate(TokenUsage.None, (sum, r) => new TokenUsage(
            sum.InputTokens + r.Usage.InputTokens, sum.CachedInputTokens + r.Usage.CachedInputTokens,
            sum.OutputTokens + r.Usage.OutputTokens, sum.ReasoningTokens + r.Usage.ReasoningTokens));
        var next = items.Count == 0 ? afterSeq : items[^1].Seq;
        var findingsBySeq = (await findings.ReadForRecordsAsync(workspaceId, items.Select(r => r.Seq).ToList(), cancellationToken).ConfigureAwait(false))
            .GroupBy(f => f.Seq)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<DlpFindingView>)g.Select(DlpFindingView.From).ToList());
        var transcript = new SessionTranscript(
            session_id,
            Distinct(items.Select(r => r.UserId)),
            Distinct(items.Select(r => WireNames.Of(r.Agent))),
            Distinct(items.Select(r => WireNames.Of(r.ClientId))),
            Distinct(items.Select(r => r.Model)),
            items.Select(r => TranscriptItem.From(r, findingsBySeq.GetValueOrDefault(r.Seq, []))).ToList(),
            usage,
            records.Count > size,
            next.ToString(CultureInfo.InvariantCulture));
        return TypedResults.Ok(transcript);
    }

    private static List<string> Distinct(IEnumerable<string?> values) => values.OfType<string>().Distinct().Order(StringComparer.Ordinal).ToList();

    private static ProblemHttpResult Problem(string detail, int status) => TypedResults.Problem(detail: detail, statusCode: status);
}
