using System.Text.Json.Nodes;
using AgentLedger.Core.Compliance;
using AgentLedger.Core.Jobs;
using AgentLedger.Core.Records;
using AgentLedger.Server.Features.Compliance.Audit;
using Microsoft.Extensions.Options;

namespace AgentLedger.Server.Features.Compliance.Exports;

/// <summary>
/// The background job that builds export packages. Under the <see cref="JobName"/> lease (one builder at a time across
/// every instance: exports are heavy, and one at a time keeps ingest responsive) it claims queued jobs oldest first and
/// builds each in a <c>.partial</c> folder that becomes the package only when complete. A job left running by an
/// instance that stopped is claimed again and rebuilt from scratch. Completion and failure are audit events.
/// </summary>
public sealed partial class ExportJobRunner(
    IJobLease leases,
    IExportJobStore jobs,
    IRecordReader records,
    ExportPackageWriter writer,
    ExportFolders folders,
    ComplianceAuditor auditor,
    IOptions<ComplianceExportOptions> options,
    TimeProvider time,
    ILogger<ExportJobRunner> logger) : BackgroundService
{
    public const string JobName = "compliance.export";
    private readonly SemaphoreSlim _wake = new(0, 1);

    /// <summary>Starts looking for work now instead of at the next poll (called when an export is requested).</summary>
    public void Wake()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // already woken
        }
    }

    /// <summary>Builds every queued export; false when another instance holds the lease.</summary>
    public async Task<bool> RunPendingAsync(CancellationToken cancellationToken)
    {
        await using var lease = await leases.TryAcquireAsync(JobName, cancellationToken).ConfigureAwait(false);
        if (lease is null)
        {
            return false;
        }

        while (await jobs.ClaimNextAsync(time.GetUtcNow(), cancellationToken).ConfigureAwait(false) is { } job)
        {
            await RunAsync(job, cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.RunnerEnabled)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunPendingAsync(stoppingToken).ConfigureAwait(false);
                await WaitForWorkAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogRoundFailed(logger, ex);
                await Task.Delay(options.Value.PollInterval, time, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Until the poll interval passes on the injected clock, or <see cref="Wake"/> is called.</summary>
    private async Task WaitForWorkAsync(CancellationToken stoppingToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var woken = _wake.WaitAsync(wait.Token);
        var elapsed = Task.Delay(options.Value.PollInterval, time, wait.Token);
        await Task.WhenAny(woken, elapsed).ConfigureAwait(false);
        // Cancel whichever still waits, so no waiter outlives this round and swallows a later wake.
        await wait.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(woken, elapsed).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        stoppingToken.ThrowIfCancellationRequested();
    }

    private async Task RunAsync(ExportJob job, CancellationToken cancellationToken)
    {
        var partial = folders.PartialOf(job.WorkspaceId, job.Id);
        var final = folders.PackageOf(job.WorkspaceId, job.Id);
        try
        {
            var (_, uptoSeq) = await records.CountAsync(job.WorkspaceId, cancellationToken).ConfigureAwait(false);
            await jobs.UpdateProgressAsync(job.WorkspaceId, job.Id, uptoSeq, 0, 0, cancellationToken).ConfigureAwait(false);
            LogStarted(logger, job.Id, job.WorkspaceId, uptoSeq);
            Reset(partial);
            Reset(final);
            Directory.CreateDirectory(partial);
            var package = await writer.WriteAsync(job, uptoSeq, partial,
                (count, bytes) => jobs.UpdateProgressAsync(job.WorkspaceId, job.Id, uptoSeq, count, bytes, cancellationToken), cancellationToken)
                .ConfigureAwait(false);
            Directory.Move(partial, final);
            await jobs.CompleteAsync(job.WorkspaceId, job.Id, time.GetUtcNow(), package.Records, package.Bytes, package.Files, cancellationToken)
                .ConfigureAwait(false);
            await auditor.RecordSystemAsync(job.WorkspaceId, AuditActions.ExportCompleted, AuditResult.Success, new JsonObject
            {
                ["export_id"] = job.Id,
                ["requested_by"] = ExportJobJson.ActorToJson(job.RequestedBy),
                ["upto_seq"] = uptoSeq,
                ["record_count"] = package.Records,
                ["bytes"] = package.Bytes,
                ["manifest_sha256"] = package.Files.First(f => f.Name == ExportPackageFiles.Manifest).Sha256,
            }, cancellationToken).ConfigureAwait(false);
            LogCompleted(logger, job.Id, package.Records, package.Bytes);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogFailed(logger, job.Id, job.WorkspaceId, ex);
            Reset(partial);
            await jobs.FailAsync(job.WorkspaceId, job.Id, time.GetUtcNow(), $"{ex.GetType().Name}: {ex.Message}", CancellationToken.None)
                .ConfigureAwait(false);
            await auditor.RecordSystemAsync(job.WorkspaceId, AuditActions.ExportFailed, AuditResult.Failed, new JsonObject
            {
                ["export_id"] = job.Id,
                ["error"] = ex.GetType().Name,
            }, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private static void Reset(string folder)
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Export {ExportId} of workspace {WorkspaceId} started, covering seq up to {UptoSeq}")]
    private static partial void LogStarted(ILogger logger, string exportId, string workspaceId, long uptoSeq);

    [LoggerMessage(Level = LogLevel.Information, Message = "Export {ExportId} completed: {Records} records, {Bytes} bytes")]
    private static partial void LogCompleted(ILogger logger, string exportId, long records, long bytes);

    [LoggerMessage(Level = LogLevel.Error, Message = "Export {ExportId} of workspace {WorkspaceId} failed")]
    private static partial void LogFailed(ILogger logger, string exportId, string workspaceId, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Looking for export jobs failed; trying again at the next poll")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);
}
