using System.ComponentModel;
using System.Text.Json.Nodes;
using AgentLedger.Core.Governance;
using AgentLedger.Core.Identity;
using AgentLedger.Core.Keys;
using AgentLedger.Core.Records;
using AgentLedger.Server.Auth;
using AgentLedger.Server.Features.Analytics;
using AgentLedger.Server.Features.Compliance.Audit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace AgentLedger.Server.Features.Governance.Budgets;

/// <summary>
/// Budgets of a workspace under <c>/api/v1/workspaces/{workspace_id}/budgets</c> (admin scope): create, read with the
/// current period's spend and forecast, replace, delete, and the gateway's decision for a user. Changes are audited.
/// </summary>
public static class BudgetEndpoints
{
    public static IEndpointRouteBuilder MapBudgets(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/workspaces/{workspace_id}/budgets").RequireOwnWorkspace().RequireScope(ApiKeyScope.Admin).WithTags("Budgets");
        group.MapGet("/", ListAsync).WithName("ListBudgets")
            .WithSummary("The workspace's budgets with the current period's spend, forecast and crossed thresholds.");
        group.MapPost("/", CreateAsync).WithName("CreateBudget")
            .WithSummary("Creates a budget for the workspace, a team or a user, per day, week or month, in credits or USD.");
        group.MapGet("/{budget_id}", GetAsync).WithName("GetBudget").WithSummary("One budget with its current period's status.");
        group.MapPut("/{budget_id}", ReplaceAsync).WithName("ReplaceBudget")
            .WithSummary("Replaces a budget's settings (alerts already sent in the current period are not sent again).");
        group.MapDelete("/{budget_id}", DeleteAsync).WithName("DeleteBudget").WithSummary("Deletes a budget.");
        routes.MapGroup("/api/v1/workspaces/{workspace_id}").RequireOwnWorkspace().RequireScope(ApiKeyScope.Admin).WithTags("Budgets")
            .MapGet("/budget_decision", DecideAsync).WithName("BudgetDecision")
            .WithSummary("Whether the gateway would let a request of this user (and team) through now, or which budget blocks it until when.");
        return routes;
    }

    public static async Task<Ok<IReadOnlyList<BudgetView>>> ListAsync(
        [AsParameters] WorkspaceRoute route, IGovernanceStore store, BudgetSpendReader spend, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var views = new List<BudgetView>();
        foreach (var budget in await store.ListBudgetsAsync(route.WorkspaceId, cancellationToken).ConfigureAwait(false))
        {
            views.Add(ToView(await spend.StatusAsync(budget, now, cancellationToken).ConfigureAwait(false)));
        }

        return TypedResults.Ok<IReadOnlyList<BudgetView>>(views);
    }

    public static async Task<Results<Created<BudgetView>, ValidationProblem>> CreateAsync(
        [AsParameters] WorkspaceRoute route, BudgetRequest request, [AsParameters] BudgetServices services, HttpContext http, CancellationToken cancellationToken)
    {
        var now = services.Time.GetUtcNow();
        var (budget, errors) = await BudgetRequestParser.ParseAsync(route.WorkspaceId, RecordIds.NewId(now), request,
            services.Analytics.Value.DefaultTimeZone, now, null, services.Directory, cancellationToken).ConfigureAwait(false);
        if (budget is null)
        {
            return TypedResults.ValidationProblem(errors, title: "Invalid budget");
        }

        await services.Store.SaveBudgetAsync(budget, cancellationToken).ConfigureAwait(false);
        await services.Auditor.RecordAsync(http, GovernanceAuditActions.BudgetSaved, ApiKeyScope.Admin, AuditData(budget), cancellationToken).ConfigureAwait(false);
        var view = ToView(await services.Spend.StatusAsync(budget, now, cancellationToken).ConfigureAwait(false));
        return TypedResults.Created($"/api/v1/workspaces/{route.WorkspaceId}/budgets/{budget.BudgetId}", view);
    }

    public static async Task<Results<Ok<BudgetView>, ProblemHttpResult>> GetAsync(
        [AsParameters] WorkspaceRoute route, [Description("The budget id.")] string budget_id, IGovernanceStore store, BudgetSpendReader spend,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var budget = await store.FindBudgetAsync(route.WorkspaceId, budget_id, cancellationToken).ConfigureAwait(false);
        return budget is null
            ? NotFound(budget_id)
            : TypedResults.Ok(ToView(await spend.StatusAsync(budget, time.GetUtcNow(), cancellationToken).ConfigureAwait(false)));
    }

    public static async Task<Results<Ok<BudgetView>, ValidationProblem, ProblemHttpResult>> ReplaceAsync(
        [AsParameters] WorkspaceRoute route, [Description("The budget id.")] string budget_id, BudgetRequest request, [AsParameters] BudgetServices services,
        HttpContext http, CancellationToken cancellationToken)
    {
        var existing = await services.Store.FindBudgetAsync(route.WorkspaceId, budget_id, cancellationToken).ConfigureAwait(false);
        if (existing is null)
        {
            return NotFound(budget_id);
        }

        var now = services.Time.GetUtcNow();
        var (budget, errors) = await BudgetRequestParser.ParseAsync(route.WorkspaceId, budget_id, request, services.Analytics.Value.DefaultTimeZone, now,
            existing.CreatedAt, services.Directory, cancellationToken).ConfigureAwait(false);
        if (budget is null)
        {
            return TypedResults.ValidationProblem(errors, title: "Invalid budget");
        }

        await services.Store.SaveBudgetAsync(budget, cancellationToken).ConfigureAwait(false);
        await services.Auditor.RecordAsync(http, GovernanceAuditActions.BudgetSaved, ApiKeyScope.Admin, AuditData(budget), cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(ToView(await services.Spend.StatusAsync(budget, now, cancellationToken).ConfigureAwait(false)));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        [AsParameters] WorkspaceRoute route, [Description("The budget id.")] string budget_id, IGovernanceStore store, ComplianceAuditor auditor,
        HttpContext http, CancellationToken cancellationToken)
    {
        if (!await store.DeleteBudgetAsync(route.WorkspaceId, budget_id, cancellationToken).ConfigureAwait(false))
        {
            return NotFound(budget_id);
        }

        await auditor.RecordAsync(http, GovernanceAuditActions.BudgetDeleted, ApiKeyScope.Admin, new JsonObject { ["budget_id"] = budget_id }, cancellationToken)
            .ConfigureAwait(false);
        return TypedResults.NoContent();
    }

    public static async Task<Ok<BudgetDecisionView>> DecideAsync(
        [AsParameters] WorkspaceRoute route, [Description("The directory user id making the request.")] string? user_id,
        [Description("The user's team.")] string? team, IBudgetGate gate, TimeProvider time, CancellationToken cancellationToken)
    {
        var decision = await gate.CheckAsync(route.WorkspaceId, user_id, team, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new BudgetDecisionView(decision.Allowed, decision.BudgetId, decision.BudgetName, decision.ResetsAt, decision.Spend, decision.Amount,
            decision.Unit is { } unit ? GovernanceNames.Of(unit) : null));
    }

    public static BudgetView ToView(BudgetStatus status)
    {
        var b = status.Budget;
        return new BudgetView(b.BudgetId, b.Name, GovernanceNames.Of(b.Scope), b.ScopeValue, GovernanceNames.Of(b.Period), GovernanceNames.Of(b.Unit), b.Amount,
            b.Thresholds, GovernanceNames.Of(b.Mode), b.TimeZone, b.CreatedAt, b.UpdatedAt,
            new BudgetStatusView(status.Window.StartTime, status.Window.EndTime, status.Spend, status.Forecast, status.Percent, status.Exhausted,
                status.CrossedThresholds));
    }

    private static ProblemHttpResult NotFound(string budgetId) =>
        TypedResults.Problem(detail: $"No budget '{budgetId}' in this workspace.", statusCode: StatusCodes.Status404NotFound);

    private static JsonObject AuditData(Budget budget) => new()
    {
        ["budget_id"] = budget.BudgetId,
        ["name"] = budget.Name,
        ["scope"] = GovernanceNames.Of(budget.Scope),
        ["scope_value"] = budget.ScopeValue,
        ["period"] = GovernanceNames.Of(budget.Period),
        ["unit"] = GovernanceNames.Of(budget.Unit),
        ["amount"] = budget.Amount,
        ["mode"] = GovernanceNames.Of(budget.Mode),
    };
}

/// <summary>The services budget changes need.</summary>
public sealed record BudgetServices(
    IGovernanceStore Store, BudgetSpendReader Spend, IDirectoryStore Directory, ComplianceAuditor Auditor, TimeProvider Time, IOptions<AnalyticsOptions> Analytics);
