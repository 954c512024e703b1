using System.ComponentModel;
using System.Text.Json.Nodes;
using AgentLedger.Core.Keys;
using AgentLedger.Core.Records;
using AgentLedger.Core.Siem;
using AgentLedger.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AgentLedger.Server.Features.Siem;

/// <summary>
/// SIEM destinations of a workspace under <c>/api/v1/workspaces/{workspace_id}/siem/destinations</c>, all with the
/// <c>admin</c> scope: create, list with status, read, replace, delete, and the set-aside items. Secrets are accepted
/// and never returned. Every change is an audit event.
/// </summary>
public static class SiemEndpoints
{
    public const string BasePath = "/api/v1/workspaces/{workspace_id}/siem/destinations";
    public const int MaxSetAsidePage = 1000;

    public static IEndpointRouteBuilder MapSiemDestinations(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup(BasePath).RequireOwnWorkspace().RequireScope(ApiKeyScope.Admin).WithTags("SIEM destinations");
        group.MapPost("", CreateAsync).WithSummary("Creates a SIEM destination (Splunk HEC, syslog, webhook or Elasticsearch); delivery starts within a poll.");
        group.MapGet("", ListAsync).WithSummary("The workspace's SIEM destinations with their delivery status (lag, last error, last success).");
        group.MapGet("/{destination_id}", GetAsync).WithSummary("One destination with its delivery status.");
        group.MapPut("/{destination_id}", UpdateAsync).WithSummary("Replaces a destination's configuration; its checkpoint stays; omitted secrets are kept.");
        group.MapDelete("/{destination_id}", DeleteAsync).WithSummary("Deletes a destination with its checkpoint and set-aside list.");
        group.MapGet("/{destination_id}/set-aside", ListSetAsideAsync)
            .WithSummary("Items the destination rejected for good (poison records), in seq order; the rest of the stream flowed past them.");
        return routes;
    }

    public static async Task<Results<Created<SiemDestinationView>, ValidationProblem>> CreateAsync(
        [AsParameters] WorkspaceRoute route, SiemDestinationRequest request, [AsParameters] SiemServices services, HttpContext http,
        CancellationToken cancellationToken)
    {
        var now = Truncate(services.Time.GetUtcNow());
        if (!SiemDestinationParser.TryParse(request, route.WorkspaceId, RecordIds.NewId(now), now, null, out var destination, out var errors))
        {
            return Invalid(errors);
        }

        var startAfter = 0L;
        if (request.StartFrom == "now")
        {
            startAfter = destination.Filter.Source == SiemSource.AuditLog
                ? await services.Audit.LastSeqAsync(route.WorkspaceId, cancellationToken).ConfigureAwait(false)
                : (await services.Records.CountAsync(route.WorkspaceId, cancellationToken).ConfigureAwait(false)).LastSeq;
        }

        await services.Store.CreateAsync(destination, startAfter, cancellationToken).ConfigureAwait(false);
        await AuditAsync(services, http, SiemAuditActions.Created, destination, cancellationToken).ConfigureAwait(false);
        var status = await services.Statuses.ReadAsync(destination, cancellationToken).ConfigureAwait(false);
        return TypedResults.Created($"/api/v1/workspaces/{route.WorkspaceId}/siem/destinations/{destination.Id}", SiemDestinationView.From(destination, status));
    }

    public static async Task<Ok<IReadOnlyList<SiemDestinationView>>> ListAsync(
        [AsParameters] WorkspaceRoute route, [AsParameters] SiemServices services, CancellationToken cancellationToken)
    {
        var views = new List<SiemDestinationView>();
        foreach (var destination in await services.Store.ListAsync(route.WorkspaceId, cancellationToken).ConfigureAwait(false))
        {
            views.Add(SiemDestinationView.From(destination, await services.Statuses.ReadAsync(destination, cancellationToken).ConfigureAwait(false)));
        }

        return TypedResults.Ok<IReadOnlyList<SiemDestinationView>>(views);
    }

    public static async Task<Results<Ok<SiemDestinationView>, ProblemHttpResult>> GetAsync(
        [AsParameters] WorkspaceRoute route, [Description("The destination id.")] string destination_id, [AsParameters] SiemServices services,
        CancellationToken cancellationToken)
    {
        var destination = await services.Store.FindAsync(route.WorkspaceId, destination_id, cancellationToken).ConfigureAwait(false);
        if (destination is null)
        {
            return NotFound(destination_id);
        }

        return TypedResults.Ok(SiemDestinationView.From(destination, await services.Statuses.ReadAsync(destination, cancellationToken).ConfigureAwait(false)));
    }

    public static async Task<Results<Ok<SiemDestinationView>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        [AsParameters] WorkspaceRoute route, [Description("The destination id.")] string destination_id, SiemDestinationRequest request,
        [AsParameters] SiemServices services, HttpContext http, CancellationToken cancellationToken)
    {
        var existing = await services.Store.FindAsync(route.WorkspaceId, destination_id, cancellationToken).ConfigureAwait(false);
        if (existing is null)
        {
            return NotFound(destination_id);
        }

        var now = Truncate(services.Time.GetUtcNow());
        if (now <= existing.UpdatedAt)
        {
            // UpdatedAt tells the delivery service the configuration changed, so it must move.
            now = existing.UpdatedAt.AddTicks(10);
        }

        if (!SiemDestinationParser.TryParse(request, route.WorkspaceId, existing.Id, now, existing, out var destination, out var errors))
        {
            return Invalid(errors);
        }

        if (!await services.Store.UpdateAsync(destination, cancellationToken).ConfigureAwait(false))
        {
            return NotFound(destination_id);
        }

        await AuditAsync(services, http, SiemAuditActions.Updated, destination, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(SiemDestinationView.From(destination, await services.Statuses.ReadAsync(destination, cancellationToken).ConfigureAwait(false)));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        [AsParameters] WorkspaceRoute route, [Description("The destination id.")] string destination_id, [AsParameters] SiemServices services,
        HttpContext http, CancellationToken cancellationToken)
    {
        var existing = await services.Store.FindAsync(route.WorkspaceId, destination_id, cancellationToken).ConfigureAwait(false);
        if (existing is null || !await services.Store.DeleteAsync(route.WorkspaceId, destination_id, cancellationToken).ConfigureAwait(false))
        {
            return NotFound(destination_id);
        }

        await AuditAsync(services, http, SiemAuditActions.Deleted, existing, cancellationToken).ConfigureAwait(false);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<SiemSetAsidePage>, ProblemHttpResult>> ListSetAsideAsync(
        [AsParameters] WorkspaceRoute route, [Description("The destination id.")] string destination_id,
        [Description("next_page of the previous page: items after this seq (default 0).")] long? after,
        [Description("Items per page, 1 to 1000 (default 100).")] int? limit,
        [AsParameters] SiemServices services, CancellationToken cancellationToken)
    {
        var size = limit ?? 100;
        if (size is < 1 or > MaxSetAsidePage || after is < 0)
        {
            return TypedResults.Problem(detail: $"limit must be between 1 and {MaxSetAsidePage}, and after a seq of 0 or more.",
                statusCode: StatusCodes.Status400BadRequest);
        }

        if (await services.Store.FindAsync(route.WorkspaceId, destination_id, cancellationToken).ConfigureAwait(false) is null)
        {
            return NotFound(destination_id);
        }

        var items = await services.Store.ListSetAsideAsync(route.WorkspaceId, destination_id, after ?? 0, size + 1, cancellationToken).ConfigureAwait(false);
        var data = items.Take(size).Select(i => new SiemSetAsideView(i.Seq, i.SetAsideAt, i.Error)).ToList();
        return TypedResults.Ok(new SiemSetAsidePage(data, items.Count > size, items.Count > size ? data[^1].Seq : null));
    }

    private static Task<AgentLedger.Core.Compliance.AuditEvent> AuditAsync(SiemServices services, HttpContext http, string action, SiemDestination d, CancellationToken cancellationToken) =>
        services.Auditor.RecordAsync(http, action, ApiKeyScope.Admin, new JsonObject
        {
            ["destination_id"] = d.Id,
            ["name"] = d.Name,
            ["kind"] = SiemWireNames.Of(d.Kind),
            ["enabled"] = d.Enabled,
            ["format"] = SiemWireNames.Of(d.Format),
            ["content_level"] = SiemWireNames.Of(d.ContentLevel),
            ["filter"] = d.Filter.ToJson(),
            ["secrets_set"] = new JsonArray(d.Secrets.Names.Select(n => (JsonNode?)JsonValue.Create(n)).ToArray()),
        }, cancellationToken);

    private static ValidationProblem Invalid(IReadOnlyList<string> errors) =>
        TypedResults.ValidationProblem(
            errors.GroupBy(e => e.Split(' ', 2)[0].TrimEnd(':', '.')).ToDictionary(g => g.Key, g => g.ToArray()),
            detail: string.Join(" ", errors));

    private static ProblemHttpResult NotFound(string id) =>
        TypedResults.Problem(detail: $"SIEM destination '{id}' was not found.", statusCode: StatusCodes.Status404NotFound);

    /// <summary>Storage keeps microseconds.</summary>
    private static DateTimeOffset Truncate(DateTimeOffset at) => new(at.UtcTicks - (at.UtcTicks % 10), TimeSpan.Zero);
}
