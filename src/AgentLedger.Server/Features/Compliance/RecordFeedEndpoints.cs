using System.Globalization;
using AgentLedger.Core.Keys;
using AgentLedger.Core.Records;
using AgentLedger.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AgentLedger.Server.Features.Compliance;

/// <summary>
/// <c>GET /api/v1/workspaces/{workspace_id}/records</c>: every stored record in arrival (<c>seq</c>) order. Paging on
/// seq means a late event is never skipped and nothing is returned twice, however records arrive.
/// </summary>
public static class RecordFeedEndpoints
{
    public const int MaxLimit = 1000;

    public static IEndpointRouteBuilder MapRecordFeed(this IEndpointRouteBuilder routes)
    {
        routes.MapGroup("/api/v1/workspaces/{workspace_id}").RequireOwnWorkspace().WithTags("Compliance")
            .MapGet("/records", ListAsync).RequireScope(ApiKeyScope.ComplianceRead);
        return routes;
    }

    public static async Task<Results<Ok<RecordPage>, ProblemHttpResult>> ListAsync(
        [AsParameters] WorkspaceRoute route, string? after, int? limit, IRecordReader reader, CancellationToken cancellationToken)
    {
        var size = limit ?? 100;
        if (size is < 1 or > MaxLimit)
        {
            return TypedResults.Problem(detail: $"limit must be between 1 and {MaxLimit}.", statusCode: StatusCodes.Status400BadRequest);
        }

        long afterSeq = 0;
        if (after is not null && (!long.TryParse(after, NumberStyles.None, CultureInfo.InvariantCulture, out afterSeq)))
        {
            return TypedResults.Problem(detail: "after must be a seq number from a previous page's next_page.", statusCode: StatusCodes.Status400BadRequest);
        }

        var records = await reader.ReadAfterSeqAsync(route.WorkspaceId, afterSeq, size + 1, cancellationToken).ConfigureAwait(false);
        var hasMore = records.Count > size;
        var data = records.Take(size).Select(RecordView.From).ToList();
        var next = data.Count == 0 ? after : data[^1].Seq.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Ok(new RecordPage(data, hasMore, next));
    }
}
