using System.Text.Json.Nodes;
using AgentLedger.Core.Compliance;
using AgentLedger.Core.Integrity;
using AgentLedger.Core.Keys;
using AgentLedger.Core.Retention;
using AgentLedger.Server.Auth;
using AgentLedger.Server.Features.Compliance.Audit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace AgentLedger.Server.Features.Compliance.Retention;

/// <summary>
/// <c>GET /api/v1/compliance/retention</c> (<c>compliance.read</c>): the retention that applies to the caller's
/// workspace, as the purge job will apply it: each duration with where it comes from (the workspace's own setting or
/// the server's), today's cutoff, the legal holds that override it, and how far metadata has been purged. Retention is
/// set in configuration (<c>Retention</c>, docs/api/compliance.md), so an auditor who cannot read the server's
/// configuration still sees the policy the records are kept under. Each read is an audit event.
/// </summary>
public static class RetentionStatusEndpoints
{
    public const string Path = "/api/v1/compliance/retention";

    public static IEndpointRouteBuilder MapRetentionStatus(this IEndpointRouteBuilder routes)
    {
        routes.MapGet(Path, GetAsync).WithTags("Compliance retention").RequireScope(ApiKeyScope.ComplianceRead)
            .WithSummary("The retention that applies to the workspace: durations and their source, today's cutoffs, active legal holds, purge progress.");
        return routes;
    }

    public static async Task<Ok<RetentionStatusView>> GetAsync(
        IOptions<RetentionOptions> options, ILegalHoldStore holds, IRecordChainStore chain, ComplianceAuditor auditor, TimeProvider time, HttpContext http,
        CancellationToken cancellationToken)
    {
        var workspaceId = http.User.GetWorkspaceId();
        var retention = options.Value;
        var (content, metadata) = retention.For(workspaceId);
        var own = retention.Workspaces.GetValueOrDefault(workspaceId);
        var now = time.GetUtcNow();
        var active = await holds.ListAsync(workspaceId, includeReleased: false, cancellationToken).ConfigureAwait(false);
        var state = await chain.ReadStateAsync(workspaceId, cancellationToken).ConfigureAwait(false);
        var view = new RetentionStatusView(
            workspaceId,
            RetentionPeriodView.Of(content, own?.Content is not null, now),
            RetentionPeriodView.Of(metadata, own?.Metadata is not null, now),
            active.Count,
            state?.PurgedThroughSeq ?? 0,
            state?.LastSeq ?? 0,
            retention.PurgeEnabled,
            retention.PollInterval);
        await auditor.RecordAsync(http, AuditActions.ReadRetention, ApiKeyScope.ComplianceRead, new JsonObject
        {
            ["content_retention"] = view.Content.Retention,
            ["metadata_retention"] = view.Metadata.Retention,
            ["active_legal_holds"] = view.ActiveLegalHolds,
        }, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(view);
    }
}

/// <summary>The retention of one workspace (see <see cref="RetentionStatusEndpoints"/>).</summary>
/// <param name="Content">How long prompt, response and tool text is kept (its hash stays).</param>
/// <param name="Metadata">How long records are kept at all.</param>
/// <param name="ActiveLegalHolds">Holds whose records neither purge touches, whatever their age.</param>
/// <param name="PurgedThroughSeq">Records up to this seq were deleted by metadata retention (0: none yet).</param>
/// <param name="LastSeq">The workspace's last record seq.</param>
/// <param name="PurgeEnabledOnThisInstance">False when this instance's purge job is off (another instance may run it).</param>
/// <param name="PollInterval">How often the purge job looks for expired data.</param>
public sealed record RetentionStatusView(
    string WorkspaceId, RetentionPeriodView Content, RetentionPeriodView Metadata, int ActiveLegalHolds, long PurgedThroughSeq, long LastSeq,
    bool PurgeEnabledOnThisInstance, TimeSpan PollInterval);

/// <param name="KeptForever">True when no retention applies (the other fields are then absent).</param>
/// <param name="Retention">The duration (<c>d.hh:mm:ss</c>).</param>
/// <param name="Days">The duration in whole days.</param>
/// <param name="Source"><c>workspace</c> (the workspace's own setting) or <c>server</c> (the global one).</param>
/// <param name="Cutoff">What occurred before this time is purged at the next round, holds aside.</param>
public sealed record RetentionPeriodView(bool KeptForever, string? Retention, int? Days, string? Source, DateTimeOffset? Cutoff)
{
    /// <param name="applies">The duration <see cref="RetentionOptions.For"/> gives the workspace.</param>
    /// <param name="ownSetting">Whether it is the workspace's own setting rather than the server's.</param>
    public static RetentionPeriodView Of(TimeSpan? applies, bool ownSetting, DateTimeOffset now) =>
        applies is not { } duration
            ? new RetentionPeriodView(true, null, null, null, null)
            : new RetentionPeriodView(false, duration.ToString("c", System.Globalization.CultureInfo.InvariantCulture), (int)duration.TotalDays,
                ownSetting ? "workspace" : "server", now - duration);
}
