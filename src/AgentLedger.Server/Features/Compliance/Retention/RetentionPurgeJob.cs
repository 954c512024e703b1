using System.Text.Json.Nodes;
using AgentLedger.Core.Compliance;
using AgentLedger.Core.Jobs;
using AgentLedger.Core.Keys;
using AgentLedger.Core.Retention;
using AgentLedger.Server.Features.Compliance.Audit;
using Microsoft.Extensions.Options;

namespace AgentLedger.Server.Features.Compliance.Retention;

/// <summary>
/// The background job that applies retention. Under the <see cref="JobName"/> lease (one purger at a time across every
/// instance), for each workspace with a policy it clears expired content, then deletes expired metadata, skipping
/// whatever an active legal hold matches (the stores read the holds in their own transaction). Every purge that
/// removed something is an audit event of the workspace, with the cutoff and the counts.
/// </summary>
public sealed partial class RetentionPurgeJob(
    IJobLease leases,
    IWorkspaceStore workspaces,
    IRetentionStore store,
    ComplianceAuditor auditor,
    IOptions<RetentionOptions> options,
    TimeProvider time,
    ILogger<RetentionPurgeJob> logger) : BackgroundService
{
    public const string JobName = "compliance.retention";

    /// <summary>One round over every workspace; false, having done nothing, when another holder has the lease.</summary>
    public async Task<bool> PurgeOnceAsync(CancellationToken cancellationToken)
    {
        await using var lease = await leases.TryAcquireAsync(JobName, cancellationToken).ConfigureAwait(false);
        if (lease is null)
        {
            return false;
        }

        foreach (var workspace in await workspaces.ListWorkspacesAsync(cancellationToken).ConfigureAwait(false))
        {
            await PurgeWorkspaceAsync(workspace.Id, cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.PurgeEnabled)
        {
            LogDisabled(logger);
            return;
        }

        using var timer = new PeriodicTimer(settings.PollInterval, time);
        do
        {
            try
            {
                await PurgeOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // Nothing is half-done: each purge is one transaction (or batches that each commit whole), so the next round resumes.
                LogRoundFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    private async Task PurgeWorkspaceAsync(string workspaceId, CancellationToken cancellationToken)
    {
        var (content, metadata) = options.Value.For(workspaceId);
        var now = time.GetUtcNow();
        if (content is { } keepContent)
        {
            var cutoff = now - keepContent;
            var purged = await store.PurgeContentAsync(workspaceId, cutoff, now, cancellationToken).ConfigureAwait(false);
            if (purged.Records > 0 || purged.Files > 0)
            {
                await auditor.RecordSystemAsync(workspaceId, AuditActions.ContentPurged, AuditResult.Success, new JsonObject
                {
                    ["cutoff"] = ComplianceJson.Timestamp(cutoff),
                    ["retention"] = keepContent.ToString(),
                    ["record_count"] = purged.Records,
                    ["file_count"] = purged.Files,
                    ["held_count"] = purged.Held,
                }, cancellationToken).ConfigureAwait(false);
                LogContentPurged(logger, purged.Records, purged.Files, purged.Held, workspaceId);
            }
        }

        if (metadata is { } keepMetadata)
        {
            var cutoff = now - keepMetadata;
            var purged = await store.PurgeMetadataAsync(workspaceId, cutoff, now, cancellationToken).ConfigureAwait(false);
            if (purged.Records > 0 || purged.Files > 0)
            {
                await auditor.RecordSystemAsync(workspaceId, AuditActions.MetadataPurged, AuditResult.Success, new JsonObject
                {
                    ["cutoff"] = ComplianceJson.Timestamp(cutoff),
                    ["retention"] = keepMetadata.ToString(),
                    ["record_count"] = purged.Records,
                    ["purged_through_seq"] = purged.PurgedThroughSeq,
                    ["file_count"] = purged.Files,
                    ["dropped_partitions"] = new JsonArray(purged.DroppedPartitions.Select(p => (JsonNode?)p).ToArray()),
                }, cancellationToken).ConfigureAwait(false);
                LogMetadataPurged(logger, purged.Records, purged.PurgedThroughSeq, purged.DroppedPartitions.Count, workspaceId);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention cleared the content of {Count} records and {Files} log files ({Held} expired but held), workspace {WorkspaceId}")]
    private static partial void LogContentPurged(ILogger logger, long count, long files, long held, string workspaceId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention deleted {Count} records through seq {Seq} ({Partitions} partitions dropped), workspace {WorkspaceId}")]
    private static partial void LogMetadataPurged(ILogger logger, long count, long seq, int partitions, string workspaceId);

    [LoggerMessage(Level = LogLevel.Error, Message = "A round of retention purging failed; the next round retries")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention purging is off on this instance (Retention:PurgeEnabled=false)")]
    private static partial void LogDisabled(ILogger logger);
}
