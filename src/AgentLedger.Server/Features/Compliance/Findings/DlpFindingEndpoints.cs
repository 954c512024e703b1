using System.Globalization;
using System.Text.Json.Nodes;
using AgentLedger.Core.Compliance;
using AgentLedger.Core.Dlp;
using AgentLedger.Core.Keys;
using AgentLedger.Server.Auth;
using AgentLedger.Server.Features.Compliance.Audit;
using AgentLedger.Server.Features.Compliance.Records;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AgentLedger.Server.Features.Compliance.Findings;

/// <summary>
/// <c>GET /api/v1/compliance/dlp_findings</c>: the key's workspace's DLP findings in (record seq, ordinal) order, filtered
/// by rule, category, action, user, session, keyed hash and record time, paged like the record feed (a cursor that
/// only moves forward, so a collector misses nothing and sees nothing twice). Every read is an audit event
/// (<see cref="AuditActions.ReadDlpFindings"/>).
/// </summary>
public static class DlpFindingEndpoints
{
    public const int MaxLimit = 1000;
    public const int DefaultLimit = 100;

    public static IEndpointRouteBuilder MapDlpFindings(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/v1/compliance/dlp_findings", ListAsync).WithTags("Compliance").RequireScope(ApiKeyScope.ComplianceRead)
            .WithSummary("The workspace's DLP findings (rule, category, action, location, keyed hash; never the value) in record seq order, filtered and paged.");
        return routes;
    }

    public static async Task<Results<Ok<DlpFindingPage>, ProblemHttpResult>> ListAsync(
        [AsParameters] DlpFindingQuery query, IDlpFindingReader reader, ComplianceAuditor auditor, HttpContext http, CancellationToken cancellationToken)
    {
        var size = query.Limit ?? DefaultLimit;
        if (size is < 1 or > MaxLimit)
        {
            return Problem($"limit must be between 1 and {MaxLimit}.");
        }

        if (!TryParseCursor(query.After, out var afterSeq, out var afterOrdinal))
        {
            return Problem("after must be the next_page of a previous page (seq.ordinal) or a record seq.");
        }

        if (!TryParseFilter(query, out var filter, out var error))
        {
            return Problem(error!);
        }

        var workspaceId = http.User.GetWorkspaceId();
        var found = await reader.ReadAsync(workspaceId, filter, afterSeq, afterOrdinal, size + 1, cancellationToken).ConfigureAwait(false);
        var items = found.Take(size).ToList();
        var next = items.Count == 0 ? Cursor(afterSeq, afterOrdinal) : Cursor(items[^1].Seq, items[^1].Ordinal);
        var page = new DlpFindingPage(items.Select(DlpFindingView.From).ToList(), found.Count > size, next);
        await auditor.RecordAsync(http, AuditActions.ReadDlpFindings, ApiKeyScope.ComplianceRead, new JsonObject
        {
            ["after"] = Cursor(afterSeq, afterOrdinal),
            ["limit"] = size,
            ["filter"] = FilterJson(filter),
            ["finding_count"] = items.Count,
            ["next_page"] = next,
        }, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(page);
    }

    /// <summary>"seq.ordinal" (a page's next_page) or "seq" (after every finding of that record).</summary>
    internal static bool TryParseCursor(string? text, out long seq, out int ordinal)
    {
        seq = 0;
        ordinal = int.MaxValue;
        if (text is null)
        {
            return true;
        }

        var dot = text.IndexOf('.', StringComparison.Ordinal);
        var seqText = dot < 0 ? text : text[..dot];
        if (!long.TryParse(seqText, NumberStyles.None, CultureInfo.InvariantCulture, out seq))
        {
            return false;
        }

        return dot < 0 || int.TryParse(text.AsSpan(dot + 1), NumberStyles.None, CultureInfo.InvariantCulture, out ordinal);
    }

    private static string Cursor(long seq, int ordinal) =>
        ordinal == int.MaxValue ? seq.ToString(CultureInfo.InvariantCulture) : $"{seq.ToString(CultureInfo.InvariantCulture)}.{ordinal.ToString(CultureInfo.InvariantCulture)}";

    private static bool TryParseFilter(DlpFindingQuery query, out DlpFindingFilter filter, out string? error)
    {
        filter = DlpFindingFilter.None;
        DateTimeOffset? start = null;
        DateTimeOffset? end = null;
        if (query.StartTime is { } startText)
        {
            if (!RecordFilterParser.TryParseInstant(startText, out var parsed))
            {
                error = "start_time must be an RFC 3339 timestamp with a time zone (e.g. 2026-11-26T09:00:00Z) or Unix seconds.";
                return false;
            }

            start = parsed;
        }

        if (query.EndTime is { } endText)
        {
            if (!RecordFilterParser.TryParseInstant(endText, out var parsed))
            {
                error = "end_time must be an RFC 3339 timestamp with a time zone (e.g. 2026-11-26T09:00:00Z) or Unix seconds.";
                return false;
            }

            end = parsed;
        }

        if (start is not null && end is not null && end <= start)
        {
            error = "end_time must be after start_time.";
            return false;
        }

        if (!DlpFilterValues.TryParse(query.Rule, "rule", DlpFilterValues.Rules, out var rules, out error)
            || !DlpFilterValues.TryParse(query.Category, "category", DlpWireNames.Categories, out var categories, out error)
            || !DlpFilterValues.TryParse(query.Action, "action", DlpWireNames.Actions, out var actions, out error)
            || !DlpFilterValues.TryParse(query.UserId, "user_id", null, out var users, out error)
            || !DlpFilterValues.TryParse(query.SessionId, "session_id", null, out var sessions, out error)
            || !DlpFilterValues.TryParse(query.HmacSha256, "hmac_sha256", null, out var hashes, out error))
        {
            return false;
        }

        filter = new DlpFindingFilter
        {
            StartTime = start, EndTime = end, Rules = rules, Categories = categories, Actions = actions, UserIds = users, SessionIds = sessions,
            Hashes = hashes,
        };
        return true;
    }

    private static JsonObject FilterJson(DlpFindingFilter filter)
    {
        var json = new JsonObject();
        if (filter.StartTime is { } start)
        {
            json["start_time"] = ComplianceJson.Timestamp(start);
        }

        if (filter.EndTime is { } end)
        {
            json["end_time"] = ComplianceJson.Timestamp(end);
        }

        foreach (var (name, values) in new[]
                 {
                     ("rules", filter.Rules), ("categories", filter.Categories), ("actions", filter.Actions), ("user_ids", filter.UserIds),
                     ("session_ids", filter.SessionIds), ("hmac_sha256", filter.Hashes),
                 })
        {
            if (values.Count > 0)
            {
                json[name] = new JsonArray(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
            }
        }

        return json;
    }

    private static ProblemHttpResult Problem(string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status400BadRequest);
}
