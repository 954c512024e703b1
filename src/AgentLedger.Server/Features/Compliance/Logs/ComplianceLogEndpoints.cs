using System.ComponentModel;
using System.Text.Json.Nodes;
using AgentLedger.Core.Compliance;
using AgentLedger.Core.Keys;
using AgentLedger.Server.Auth;
using AgentLedger.Server.Features.Compliance.Audit;
using AgentLedger.Server.Features.Compliance.Records;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AgentLedger.Server.Features.Compliance.Logs;

/// <summary>
/// OpenAI's Compliance Logs Platform, served for the key's workspace so that collectors written for it (Elastic's
/// <c>openai_chatgpt_enterprise</c>, the Splunk add-on, Cribl) work unchanged against AgentLedger:
/// <c>GET /v1/compliance/workspaces/{workspace_id}/logs</c> lists sealed files after an end time, and
/// <c>…/logs/{id}</c> returns one (200 with the JSONL; OpenAI answers with a redirect to the same bytes). A collector
/// loops with <c>after = last_end_time</c> while <c>has_more</c>. Here <c>after</c> is exclusive and end times are
/// unique and increasing, so a page never repeats the previous boundary file; deduplicating by file id, as collectors
/// do for OpenAI, is harmless. Listing and downloading are audited.
/// </summary>
public static class ComplianceLogEndpoints
{
    public const int MaxLimit = 1000;
    public const int DefaultLimit = 100;

    public static IEndpointRouteBuilder MapComplianceLogs(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/compliance/workspaces/{workspace_id}/logs").RequireOwnWorkspace().WithTags("Compliance logs")
            .RequireScope(ApiKeyScope.ComplianceRead);
        group.MapGet("", ListAsync).WithSummary("Sealed log files after an end time (OpenAI Compliance Logs Platform).");
        group.MapGet("/{log_file_id}", GetAsync).WithSummary("One sealed JSONL log file, exactly as sealed.");
        return routes;
    }

    public static async Task<Results<Ok<LogFileList>, ProblemHttpResult>> ListAsync(
        [AsParameters] WorkspaceRoute route, [AsParameters] LogListQuery query, IComplianceLogStore store, ComplianceAuditor auditor,
        HttpContext http, CancellationToken cancellationToken)
    {
        ComplianceLogType? type = null;
        if (query.EventType is not null)
        {
            if (!ComplianceLogTypes.TryParse(query.EventType, out var parsed))
            {
                return Problem($"event_type must be one of: {string.Join(", ", ComplianceLogTypes.AllNames)}.");
            }

            type = parsed;
        }

        DateTimeOffset? after = null;
        if (query.After is not null)
        {
            if (!RecordFilterParser.TryParseInstant(query.After, out var parsed))
            {
                return Problem("after must be an RFC 3339 timestamp, e.g. a previous page's last_end_time.");
            }

            after = parsed;
        }

        var limit = query.Limit ?? DefaultLimit;
        if (limit is < 1 or > MaxLimit)
        {
            return Problem($"limit must be between 1 and {MaxLimit}.");
        }

        var files = await store.ListAsync(route.WorkspaceId, type, after, limit + 1, cancellationToken).ConfigureAwait(false);
        var data = files.Take(limit).Select(LogFileView.From).ToList();
        var list = new LogFileList(data, files.Count > limit, data.Count == 0 ? null : data[^1].EndTime);
        await auditor.RecordAsync(http, AuditActions.ListLogFiles, ApiKeyScope.ComplianceRead, new JsonObject
        {
            ["event_type"] = query.EventType,
            ["after"] = query.After,
            ["limit"] = limit,
            ["file_count"] = data.Count,
            ["record_count"] = data.Sum(f => (long)f.RecordCount),
        }, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(list);
    }

    public static async Task<Results<LogFileResult, ProblemHttpResult>> GetAsync(
        [AsParameters] WorkspaceRoute route, [Description("A file id from the list.")] string log_file_id, IComplianceLogStore store, ComplianceAuditor auditor, HttpContext http,
        CancellationToken cancellationToken)
    {
        var file = await store.FindAsync(route.WorkspaceId, log_file_id, cancellationToken).ConfigureAwait(false);
        var content = file is null ? null : await store.ReadContentAsync(route.WorkspaceId, log_file_id, cancellationToken).ConfigureAwait(false);
        if (file is null || content is null)
        {
            return TypedResults.Problem(detail: $"Log file '{log_file_id}' was not found.", statusCode: StatusCodes.Status404NotFound);
        }

        if (content.Length == 0)
        {
            // Retention emptied it (ADR 0005); its row, SHA-256 and chain head stay as evidence of what it held.
            return TypedResults.Problem(
                detail: $"Log file '{log_file_id}' was purged under the workspace's retention policy; its listing entry and SHA-256 remain.",
                statusCode: StatusCodes.Status410Gone);
        }

        // Audited before the first byte leaves: the count is known from the sealed file.
        await auditor.RecordAsync(http, AuditActions.DownloadLogFile, ApiKeyScope.ComplianceRead, new JsonObject
        {
            ["log_file_id"] = file.Id,
            ["event_type"] = ComplianceLogTypes.Of(file.Type),
            ["first_seq"] = file.FirstSeq,
            ["last_seq"] = file.LastSeq,
            ["record_count"] = file.RecordCount,
            ["file_sha256"] = file.FileSha256,
        }, cancellationToken).ConfigureAwait(false);
        return new LogFileResult(file, content);
    }

    private static ProblemHttpResult Problem(string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status400BadRequest);
}
