using System.ComponentModel;
using System.Text.Json.Nodes;
using AgentLedger.Core.Compliance;
using AgentLedger.Core.Keys;
using AgentLedger.Core.Records;
using AgentLedger.Core.Retention;
using AgentLedger.Server.Auth;
using AgentLedger.Server.Features.Compliance.Audit;
using AgentLedger.Server.Features.Compliance.Records;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AgentLedger.Server.Features.Compliance.Retention;

/// <summary>
/// Legal holds under <c>/api/v1/compliance/legal-holds</c>, all with <c>compliance.admin</c>: create, list, change and
/// release. A hold keeps every record its filter matches from retention until it is released; creating, changing and
/// releasing one are audit events (with the filter before and after), and so are reads of the list.
/// </summary>
public static class LegalHoldEndpoints
{
    public const string BasePath = "/api/v1/compliance/legal-holds";
    public const int MaxNameLength = 200;
    public const int MaxReasonLength = 1000;

    public static IEndpointRouteBuilder MapLegalHolds(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup(BasePath).WithTags("Compliance legal holds").RequireScope(ApiKeyScope.ComplianceAdmin);
        group.MapPost("", CreateAsync).WithSummary("Places a legal hold on the records matching a filter (users, time range, search); retention skips them.");
        group.MapGet("", ListAsync).WithSummary("The workspace's legal holds, oldest first.");
        group.MapGet("/{hold_id}", GetAsync).WithSummary("One legal hold.");
        group.MapPatch("/{hold_id}", UpdateAsync).WithSummary("Changes an active hold's name, reason or filter (what is set replaces what was).");
        group.MapPost("/{hold_id}/release", ReleaseAsync).WithSummary("Releases an active hold; retention applies to its records again.");
        return routes;
    }

    public static async Task<Results<Created<LegalHoldView>, ProblemHttpResult>> CreateAsync(
        LegalHoldRequest? request, ILegalHoldStore store, ComplianceAuditor auditor, TimeProvider time, HttpContext http, CancellationToken cancellationToken)
    {
        if (request?.Name is not { } name || string.IsNullOrWhiteSpace(name))
        {
            return Problem("name is required: a label for the hold, such as the matter number.");
        }

        if (Validate(request, out var filter) is { } error)
        {
            return Problem(error);
        }

        var now = Micros(time.GetUtcNow());
        var hold = new LegalHold
        {
            WorkspaceId = http.User.GetWorkspaceId(),
            Id = "hold_" + RecordIds.NewId(now).Replace("-", string.Empty, StringComparison.Ordinal),
            Name = name.Trim(),
            Reason = string.IsNullOrWhiteSpace(request.Reason) ? null : request.Reason.Trim(),
            Filter = filter ?? RecordFilter.None,
            CreatedAt = now,
            CreatedBy = http.User.GetKeyId() ?? "unknown",
            UpdatedAt = now,
        };
        await store.CreateAsync(hold, cancellationToken).ConfigureAwait(false);
        await auditor.RecordAsync(http, AuditActions.CreateLegalHold, ApiKeyScope.ComplianceAdmin, new JsonObject
        {
            ["hold_id"] = hold.Id,
            ["name"] = hold.Name,
            ["reason"] = hold.Reason,
            ["filter"] = RecordFilterJson.ToJson(hold.Filter),
        }, cancellationToken).ConfigureAwait(false);
        return TypedResults.Created($"{BasePath}/{hold.Id}", LegalHoldView.From(hold));
    }

    public static async Task<Ok<LegalHoldList>> ListAsync(
        [Description("true to include released holds (default false).")] bool? include_released,
        ILegalHoldStore store, ComplianceAuditor auditor, HttpContext http, CancellationToken cancellationToken)
    {
        var holds = await store.ListAsync(http.User.GetWorkspaceId(), include_released ?? false, cancellationToken).ConfigureAwait(false);
        await auditor.RecordAsync(http, AuditActions.ListLegalHolds, ApiKeyScope.ComplianceAdmin, new JsonObject
        {
            ["include_released"] = include_released ?? false,
            ["hold_count"] = holds.Count,
        }, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new LegalHoldList(holds.Select(LegalHoldView.From).ToList()));
    }

    public static async Task<Results<Ok<LegalHoldView>, ProblemHttpResult>> GetAsync(
        [Description("A hold id from the list or from its creation.")] string hold_id, ILegalHoldStore store, ComplianceAuditor auditor, HttpContext http, CancellationToken cancellationToken)
    {
        var hold = await store.FindAsync(http.User.GetWorkspaceId(), hold_id, cancellationToken).ConfigureAwait(false);
        if (hold is null)
        {
            return NotFound(hold_id);
        }

        await auditor.RecordAsync(http, AuditActions.ListLegalHolds, ApiKeyScope.ComplianceAdmin, new JsonObject { ["hold_id"] = hold.Id, ["hold_count"] = 1 },
            cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(LegalHoldView.From(hold));
    }

    public static async Task<Results<Ok<LegalHoldView>, ProblemHttpResult>> UpdateAsync(
        [Description("A hold id from the list or from its creation.")] string hold_id, LegalHoldRequest? request, ILegalHoldStore store, ComplianceAuditor auditor, TimeProvider time, HttpContext http,
        CancellationToken cancellationToken)
    {
        if (request is null || (request.Name is null && request.Reason is null && request.Filter is null))
        {
            return Problem("Set at least one of name, reason and filter.");
        }

        if (request.Name is { } n && string.IsNullOrWhiteSpace(n))
        {
            return Problem("name cannot be blank.");
        }

        if (Validate(request, out var filter) is { } error)
        {
            return Problem(error);
        }

        var workspaceId = http.User.GetWorkspaceId();
        var current = await store.FindAsync(workspaceId, hold_id, cancellationToken).ConfigureAwait(false);
        if (current is null || !current.IsActive)
        {
            return NotFound(hold_id);
        }

        var updated = await store.UpdateAsync(workspaceId, hold_id, request.Name?.Trim() ?? current.Name,
            request.Reason is null ? current.Reason : string.IsNullOrWhiteSpace(request.Reason) ? null : request.Reason.Trim(),
            filter ?? current.Filter, Micros(time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        if (updated is null)
        {
            return NotFound(hold_id);
        }

        await auditor.RecordAsync(http, AuditActions.UpdateLegalHold, ApiKeyScope.ComplianceAdmin, new JsonObject
        {
            ["hold_id"] = hold_id,
            ["name"] = updated.Name,
            ["reason"] = updated.Reason,
            ["previous_filter"] = RecordFilterJson.ToJson(current.Filter),
            ["filter"] = RecordFilterJson.ToJson(updated.Filter),
        }, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(LegalHoldView.From(updated));
    }

    public static async Task<Results<Ok<LegalHoldView>, ProblemHttpResult>> ReleaseAsync(
        [Description("A hold id from the list or from its creation.")] string hold_id, ILegalHoldStore store, ComplianceAuditor auditor, TimeProvider time, HttpContext http, CancellationToken cancellationToken)
    {
        var released = await store.ReleaseAsync(http.User.GetWorkspaceId(), hold_id, http.User.GetKeyId() ?? "unknown", Micros(time.GetUtcNow()),
            cancellationToken).ConfigureAwait(false);
        if (released is null)
        {
            return NotFound(hold_id);
        }

        await auditor.RecordAsync(http, AuditActions.ReleaseLegalHold, ApiKeyScope.ComplianceAdmin, new JsonObject
        {
            ["hold_id"] = hold_id,
            ["name"] = released.Name,
            ["filter"] = RecordFilterJson.ToJson(released.Filter),
        }, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(LegalHoldView.From(released));
    }

    private static string? Validate(LegalHoldRequest request, out RecordFilter? filter)
    {
        filter = null;
        if (request.Name is { Length: > MaxNameLength })
        {
            return $"name is at most {MaxNameLength} characters.";
        }

        if (request.Reason is { Length: > MaxReasonLength })
        {
            return $"reason is at most {MaxReasonLength} characters.";
        }

        if (request.Filter is { } input)
        {
            if (!RecordFilterParser.TryParse(input, RecordFilterParser.BodyNames, out var parsed, out var error))
            {
                return error;
            }

            filter = parsed;
        }

        return null;
    }

    /// <summary>Storage keeps microseconds; truncating here makes a hold read back exactly as it was written.</summary>
    private static DateTimeOffset Micros(DateTimeOffset at) => new(at.UtcTicks - (at.UtcTicks % 10), TimeSpan.Zero);

    private static ProblemHttpResult Problem(string detail) => TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status400BadRequest);

    private static ProblemHttpResult NotFound(string holdId) =>
        TypedResults.Problem(detail: $"No active legal hold '{holdId}' in this workspace.", statusCode: StatusCodes.Status404NotFound);
}
