using System.Globalization;
using System.Text.Json.Nodes;
using AgentLedger.Core.Compliance;
using AgentLedger.Core.Keys;
using AgentLedger.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AgentLedger.Server.Features.Compliance.Records;

/// <summary>
/// The native record feed, <c>GET /api/v1/compliance/records</c> (and the same under
/// <c>/api/v1/workspaces/{workspace_id}/records</c>): the key's workspace's records in arrival (<c>seq</c>) order with
/// filters, as JSON pages or streamed NDJSON, CSV, OCSF or CEF. Paging on seq means a collector that keeps its cursor
/// misses nothing and sees nothing twice, whatever arrives meanwhile and however late its <c>occurred_at</c>.
/// Every read is an audit event (<see cref="AuditActions.ReadRecords"/>).
/// </summary>
public static class RecordFeedEndpoints
{
    public const int MaxLimit = 1000;
    public const int DefaultLimit = 100;

    public static IEndpointRouteBuilder MapRecordFeed(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/v1/compliance/records", ListAsync).WithTags("Compliance").RequireScope(ApiKeyScope.ComplianceRead)
            .WithSummary("The workspace's records in arrival (seq) order, filtered, as JSON pages or streamed NDJSON, CSV, OCSF or CEF.");
        routes.MapGroup("/api/v1/workspaces/{workspace_id}").RequireOwnWorkspace().WithTags("Compliance")
            .MapGet("/records", ListForWorkspaceAsync).RequireScope(ApiKeyScope.ComplianceRead)
            .WithSummary("The same feed as /api/v1/compliance/records, for the workspace in the path (the key's own).");
        return routes;
    }

    public static Task<Results<Ok<RecordPage>, RecordStreamResult, ProblemHttpResult>> ListForWorkspaceAsync(
        [AsParameters] WorkspaceRoute route, [AsParameters] RecordFeedQuery query, [AsParameters] RecordFeedServices services,
        HttpContext http, CancellationToken cancellationToken) =>
        ListAsync(query, services, http, cancellationToken);

    public static async Task<Results<Ok<RecordPage>, RecordStreamResult, ProblemHttpResult>> ListAsync(
        [AsParameters] RecordFeedQuery query, [AsParameters] RecordFeedServices services, HttpContext http, CancellationToken cancellationToken)
    {
        if (!RecordFeedFormats.TryParse(query.Format, out var format))
        {
            return Problem($"format must be one of: {string.Join(", ", RecordFeedFormats.Names)}.");
        }

        if (query.Limit is { } requested && (requested < 1 || requested > MaxLimit || format != RecordFeedFormat.Json))
        {
            return Problem(format == RecordFeedFormat.Json
                ? $"limit must be between 1 and {MaxLimit}."
                : $"limit applies to format=json; format={query.Format} streams every matching record up to the seq in the {RecordStreamResult.NextPageHeader} header.");
        }

        long afterSeq = 0;
        if (query.After is not null && !long.TryParse(query.After, NumberStyles.None, CultureInfo.InvariantCulture, out afterSeq))
        {
            return Problem("after must be a seq number from a previous page's next_page.");
        }

        if (!RecordFilterParser.TryParse(query.ToFilterInput(), RecordFilterParser.QueryNames, out var filter, out var error))
        {
            return Problem(error!);
        }

        var workspaceId = http.User.GetWorkspaceId();
        var (_, lastSeq) = await services.Records.CountAsync(workspaceId, cancellationToken).ConfigureAwait(false);
        var auditData = new JsonObject
        {
            ["format"] = RecordFeedFormats.NameOf(format),
            ["after"] = afterSeq,
            ["filter"] = RecordFilterJson.ToJson(filter),
        };
        if (format != RecordFeedFormat.Json)
        {
            var writer = new RecordLineWriter(format, services.Product, services.Json.Value.SerializerOptions);
            return new RecordStreamResult(services.Reader, services.Auditor, writer, workspaceId, filter, afterSeq, Math.Max(afterSeq, lastSeq),
                auditData);
        }

        var size = query.Limit ?? DefaultLimit;
        // A time window starts the page at its first record and, when the page is not full, moves the cursor on to just
        // before its next one (or to the end when none is left): no empty pages walking up to the window or past its end
        // (other conditions can still leave a 50,000-seq step of the window without a match).
        var after = await FilteredRecordScan.StartAsync(services.Reader, workspaceId, filter, afterSeq, lastSeq, cancellationToken).ConfigureAwait(false);
        var bound = FilteredRecordScan.PageBound(filter, after, lastSeq);
        var records = bound > after
            ? await services.Reader.ReadAsync(workspaceId, filter, after, bound, size, cancellationToken).ConfigureAwait(false)
            : [];
        var next = records.Count == size
            ? records[^1].Seq
            : Math.Max(afterSeq, await FilteredRecordScan.StartAsync(services.Reader, workspaceId, filter, Math.Max(after, bound), lastSeq, cancellationToken)
                .ConfigureAwait(false));
        var page = new RecordPage(records.Select(RecordView.From).ToList(), next < lastSeq, next.ToString(CultureInfo.InvariantCulture));
        auditData["limit"] = size;
        auditData["record_count"] = records.Count;
        auditData["next_page"] = page.NextPage;
        await services.Auditor.RecordAsync(http, AuditActions.ReadRecords, ApiKeyScope.ComplianceRead, auditData, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(page);
    }

    private static ProblemHttpResult Problem(string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status400BadRequest);
}
