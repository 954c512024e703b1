using AgentLedger.Core.Keys;
using AgentLedger.Server.Auth;
using AgentLedger.Server.Features.Compliance.Audit;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AgentLedger.Server.Features.Pricing;

/// <summary>
/// <c>/api/v1/workspaces/{workspace_id}/price_book</c> (admin scope): the book in effect with its history, and adding
/// a version that applies from its effective time on. Versions are never changed or removed; each is an audit event.
/// </summary>
public static class PriceBookEndpoints
{
    public const string Path = "/api/v1/workspaces/{workspace_id}/price_book";

    public static IEndpointRouteBuilder MapPriceBook(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup(Path).RequireOwnWorkspace().RequireScope(ApiKeyScope.Admin).WithTags("Price book");
        group.MapGet("", GetAsync).WithName("GetPriceBook")
            .WithSummary("The price book in effect now, every version of the workspace's book, and the server-wide default.")
            .WithDescription("Credits are computed at ingest through the book in effect for the workspace at the time each record occurred; "
                             + "a record whose agent reported its cost or credits keeps that figure. See docs/pricing.md.");
        group.MapPut("", PutAsync).WithName("PutPriceBook")
            .WithSummary("Adds a version of the workspace's price book, in effect for usage from effective_from (default now) on.")
            .WithDescription("The body is the whole book. Usage that occurred before effective_from keeps the credits it was priced at: "
                             + "effective_from may not be in the past. Errors name the field (models[2].input_per_million).");
        return routes;
    }

    public static async Task<Ok<PriceBookView>> GetAsync(
        [AsParameters] WorkspaceRoute route, PriceBookService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.ReadAsync(route.WorkspaceId, cancellationToken).ConfigureAwait(false));

    public static async Task<Results<Ok<PriceBookView>, ValidationProblem>> PutAsync(
        [AsParameters] WorkspaceRoute route, PriceBookRequest request, PriceBookService service, HttpContext http, CancellationToken cancellationToken)
    {
        var change = await service.AddAsync(AuditCaller.From(http), route.WorkspaceId, request, cancellationToken).ConfigureAwait(false);
        if (change.Added is null)
        {
            return TypedResults.ValidationProblem(change.Errors, detail: string.Join(" ", change.Errors.Values.SelectMany(v => v)));
        }

        return TypedResults.Ok(await service.ReadAsync(route.WorkspaceId, cancellationToken).ConfigureAwait(false));
    }
}
