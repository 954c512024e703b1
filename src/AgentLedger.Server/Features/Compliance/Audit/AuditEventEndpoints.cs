using System.ComponentModel;
using System.Buffers;
using System.Globalization;
using System.Text.Json.Nodes;
using AgentLedger.Core.Compliance;
using AgentLedger.Core.Keys;
using AgentLedger.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AgentLedger.Server.Features.Compliance.Audit;

/// <summary>
/// <c>GET /api/v1/compliance/audit-events</c>: the workspace's audit log as it is written, paged on its seq, without
/// waiting for the next sealed <c>AUDIT_LOG</c> file. Reading it is audited too (after the page is read, so a page
/// never contains its own read).
/// </summary>
public static class AuditEventEndpoints
{
    public const int MaxLimit = 1000;

    public static IEndpointRouteBuilder MapAuditEvents(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/v1/compliance/audit-events", ListAsync).WithTags("Compliance")
            .WithSummary("The workspace's audit log (administrative actions and compliance reads) as written, paged on its seq.").RequireScope(ApiKeyScope.ComplianceRead);
        return routes;
    }

    public static async Task<Results<Ok<AuditEventPage>, ProblemHttpResult>> ListAsync(
        [Description("next_page of the previous page; 0 when absent.")] string? after,
        [Description("Events per page, 1 to 1000 (default 100).")] int? limit,
        IAuditLog log, ComplianceAuditor auditor, HttpContext http, CancellationToken cancellationToken)
    {
        var size = limit ?? 100;
        if (size is < 1 or > MaxLimit)
        {
            return TypedResults.Problem(detail: $"limit must be between 1 and {MaxLimit}.", statusCode: StatusCodes.Status400BadRequest);
        }

        long afterSeq = 0;
        if (after is not null && !long.TryParse(after, NumberStyles.None, CultureInfo.InvariantCulture, out afterSeq))
        {
            return TypedResults.Problem(detail: "after must be the next_page of a previous page.", statusCode: StatusCodes.Status400BadRequest);
        }

        var events = await log.ReadAfterSeqAsync(http.User.GetWorkspaceId(), afterSeq, size + 1, cancellationToken).ConfigureAwait(false);
        var data = events.Take(size).ToList();
        var next = data.Count == 0 ? afterSeq : data[^1].Seq;
        await auditor.RecordAsync(http, AuditActions.ReadAuditEvents, ApiKeyScope.ComplianceRead, new JsonObject
        {
            ["after"] = afterSeq,
            ["limit"] = size,
            ["record_count"] = data.Count,
        }, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new AuditEventPage(data.Select(ToJson).ToList(), events.Count > size, next.ToString(CultureInfo.InvariantCulture)));
    }

    private static JsonObject ToJson(AuditEvent e)
    {
        var buffer = new ArrayBufferWriter<byte>();
        AuditLogFormatter.WriteLine(buffer, e);
        return JsonNode.Parse(buffer.WrittenSpan)!.AsObject();
    }
}
