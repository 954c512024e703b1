using System.Text.Json.Nodes;
using AgentLedger.Core.Analytics;
using AgentLedger.Core.Governance;
using AgentLedger.Core.Keys;
using AgentLedger.Server.Auth;
using AgentLedger.Server.Features.Compliance.Audit;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AgentLedger.Server.Features.Governance.Settings;

/// <summary>The workspace's privacy controls and report schedule, <c>/api/v1/workspaces/{workspace_id}/governance</c> (admin scope).</summary>
public static class GovernanceSettingsEndpoints
{
    public static IEndpointRouteBuilder MapGovernanceSettings(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/workspaces/{workspace_id}/governance").RequireOwnWorkspace().RequireScope(ApiKeyScope.Admin).WithTags("Budgets");
        group.MapGet("/", GetAsync).WithName("GetGovernanceSettings")
            .WithSummary("Privacy controls over every analytics output (pseudonymised users, minimum group size) and the report schedule.");
        group.MapPut("/", PutAsync).WithName("PutGovernanceSettings")
            .WithSummary("Sets the privacy controls and the report schedule; fields left out keep their value.");
        return routes;
    }

    public static async Task<Ok<GovernanceSettingsView>> GetAsync([AsParameters] WorkspaceRoute route, IGovernanceStore store, CancellationToken cancellationToken)
    {
        var settings = await store.FindSettingsAsync(route.WorkspaceId, cancellationToken).ConfigureAwait(false) ?? GovernanceSettings.DefaultFor(route.WorkspaceId);
        return TypedResults.Ok(ToView(settings));
    }

    public static async Task<Results<Ok<GovernanceSettingsView>, ValidationProblem>> PutAsync(
        [AsParameters] WorkspaceRoute route, GovernanceSettingsRequest request, IGovernanceStore store, ComplianceAuditor auditor, TimeProvider time,
        HttpContext http, CancellationToken cancellationToken)
    {
        var current = await store.FindSettingsAsync(route.WorkspaceId, cancellationToken).ConfigureAwait(false) ?? GovernanceSettings.DefaultFor(route.WorkspaceId);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (request.MinGroupSize is < 0 or > GovernanceSettings.MaxMinGroupSize)
        {
            errors["min_group_size"] = [$"min_group_size must be from 0 (off) to {GovernanceSettings.MaxMinGroupSize}."];
        }

        var schedule = current.ReportSchedule;
        if (request.ReportSchedule is { } text && !GovernanceNames.TryParse(text, out schedule))
        {
            errors["report_schedule"] = [$"'{text}' is not one of: {GovernanceNames.All<ReportSchedule>()}."];
        }

        var zone = request.ReportTimeZone ?? current.ReportTimeZone;
        try
        {
            BudgetWindow.Of(BudgetPeriod.Month, zone, time.GetUtcNow());
        }
        catch (AnalyticsQueryException ex)
        {
            errors["report_time_zone"] = [ex.Message];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "Invalid governance settings");
        }

        var now = time.GetUtcNow();
        var settings = current with
        {
            PseudonymiseUsers = request.PseudonymiseUsers ?? current.PseudonymiseUsers,
            MinGroupSize = request.MinGroupSize ?? current.MinGroupSize,
            ReportShowNames = request.ReportShowNames ?? current.ReportShowNames,
            ReportSchedule = schedule,
            ReportTimeZone = zone,
            // The key is made once and kept, so that pseudonyms stay stable across changes of the other settings.
            PseudonymKey = current.PseudonymKey.Length == 0 ? Pseudonyms.NewKey() : current.PseudonymKey,
            UpdatedAt = new DateTimeOffset(now.UtcTicks - now.UtcTicks % 10, TimeSpan.Zero),
        };
        await store.SaveSettingsAsync(settings, cancellationToken).ConfigureAwait(false);
        await auditor.RecordAsync(http, GovernanceAuditActions.SettingsUpdated, ApiKeyScope.Admin, new JsonObject
        {
            ["pseudonymise_users"] = settings.PseudonymiseUsers,
            ["min_group_size"] = settings.MinGroupSize,
            ["report_show_names"] = settings.ReportShowNames,
            ["report_schedule"] = GovernanceNames.Of(settings.ReportSchedule),
            ["report_time_zone"] = settings.ReportTimeZone,
        }, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(ToView(settings));
    }

    private static GovernanceSettingsView ToView(GovernanceSettings s) =>
        new(s.PseudonymiseUsers, s.MinGroupSize, s.ReportShowNames, GovernanceNames.Of(s.ReportSchedule), s.ReportTimeZone);
}

/// <summary>Privacy controls and report schedule; a field left out (null) keeps its value.</summary>
/// <param name="PseudonymiseUsers">Every analytics output shows stable keyed-hash pseudonyms (u_…) instead of user ids and no e-mails.</param>
/// <param name="MinGroupSize">Team figures made up by fewer users than this are suppressed; 0 or 1 turns it off.</param>
/// <param name="ReportShowNames">The leadership report may list top users (by e-mail, or pseudonym when pseudonymised).</param>
/// <param name="ReportSchedule"><c>off</c>, <c>weekly</c> (Mondays, the week before) or <c>monthly</c> (the 1st, the month before).</param>
/// <param name="ReportTimeZone">IANA zone of the report's weeks and months (whole-hour offsets).</param>
public sealed record GovernanceSettingsRequest(bool? PseudonymiseUsers, int? MinGroupSize, bool? ReportShowNames, string? ReportSchedule, string? ReportTimeZone);

/// <summary>The workspace's privacy controls and report schedule (the pseudonym key is never shown).</summary>
public sealed record GovernanceSettingsView(bool PseudonymiseUsers, int MinGroupSize, bool ReportShowNames, string ReportSchedule, string ReportTimeZone);
