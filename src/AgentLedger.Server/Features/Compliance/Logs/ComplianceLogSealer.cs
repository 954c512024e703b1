using AgentLedger.Core.Compliance;
using AgentLedger.Core.Jobs;
using AgentLedger.Core.Keys;
using AgentLedger.Core.Records;
using Microsoft.Extensions.Options;

namespace AgentLedger.Server.Features.Compliance.Logs;

/// <summary>
/// The background job that seals compliance log files. Under the <see cref="JobName"/> lease (one sealer at a time
/// across every instance), for each workspace and log type it takes the lines after the sealed seq and seals them
/// into a file once the oldest has waited <see cref="ComplianceLogOptions.SealInterval"/> or a file's worth is
/// waiting (or at once when the wall clock was set back past the oldest). Files follow seq, the order of arrival, so an event that arrives late (old <c>occurred_at</c>) lands in the
/// next file; a sealed file is never written again.
/// </summary>
public sealed partial class ComplianceLogSealer(
    IJobLease leases,
    IWorkspaceStore workspaces,
    IRecordReader records,
    IAuditLog audit,
    IComplianceLogStore store,
    IOptions<ComplianceLogOptions> options,
    TimeProvider time,
    ILogger<ComplianceLogSealer> logger) : BackgroundService
{
    public const string JobName = "compliance.seal";
    private const int ReadPageSize = 1000;

    /// <summary>
    /// One round over every workspace. With <paramref name="force"/>, seals whatever is waiting regardless of age.
    /// Returns false, having done nothing, when another holder has the lease.
    /// </summary>
    public async Task<bool> SealOnceAsync(bool force, CancellationToken cancellationToken)
    {
        await using var lease = await leases.TryAcquireAsync(JobName, cancellationToken).ConfigureAwait(false);
        if (lease is null)
        {
            return false;
        }

        foreach (var workspace in await workspaces.ListWorkspacesAsync(cancellationToken).ConfigureAwait(false))
        {
            foreach (var type in ComplianceLogTypes.All)
            {
                await SealWorkspaceAsync(workspace.Id, type, force, cancellationToken).ConfigureAwait(false);
            }
        }

        return true;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.SealingEnabled)
        {
            LogDisabled(logger);
            return;
        }

        using var timer = new PeriodicTimer(settings.PollInterval, time);
        do
        {
            try
            {
                await SealOnceAsync(force: false, stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // The next round starts from what is sealed, so nothing is lost by trying again later.
                LogRoundFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    private async Task SealWorkspaceAsync(string workspaceId, ComplianceLogType type, bool force, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var sealedSeq = await store.SealedSeqAsync(workspaceId, type, cancellationToken).ConfigureAwait(false);
        var lastSeq = type == ComplianceLogType.CodexLog
            ? (await records.CountAsync(workspaceId, cancellationToken).ConfigureAwait(false)).LastSeq
            : await audit.LastSeqAsync(workspaceId, cancellationToken).ConfigureAwait(false);
        while (sealedSeq < lastSeq)
        {
            var builder = new ComplianceLogFileBuilder(type, settings.MaxRecordsPerFile, settings.MaxFileBytes);
            DateTimeOffset? oldest = null;
            var after = sealedSeq;
            var open = true;
            while (open && after < lastSeq)
            {
                var page = await ReadPageAsync(workspaceId, type, after, cancellationToken).ConfigureAwait(false);
                if (page.Count == 0)
                {
                    break;
                }

                oldest ??= page[0].At;
                foreach (var (seq, _, add) in page)
                {
                    if (seq > lastSeq || !add(builder))
                    {
                        open = false;
                        break;
                    }

                    after = seq;
                }
            }

            var now = time.GetUtcNow();
            // A line that arrived "after now" means the wall clock was set back since: its wait cannot be measured, and
            // holding it until the clock catches up could take hours, so it is sealed now.
            var due = force || builder.IsFull || builder.LastSeq < lastSeq
                      || (oldest is { } o && (now - o >= settings.SealInterval || now < o));
            if (builder.Count == 0 || !due)
            {
                return;
            }

            var file = await store.SealAsync(builder.Build(workspaceId, now), cancellationToken).ConfigureAwait(false);
            if (file is null)
            {
                // Someone else sealed this range meanwhile (a lease lost with its connection): start over next round.
                LogSealConflict(logger, ComplianceLogTypes.Of(type), workspaceId, sealedSeq + 1);
                return;
            }

            LogSealed(logger, file.FileName, file.RecordCount, file.FileSize, workspaceId);
            sealedSeq = file.LastSeq;
        }
    }

    /// <summary>The next lines of one type after a seq: their seq, when they arrived, and how to add them to a file.</summary>
    private async Task<IReadOnlyList<(long Seq, DateTimeOffset At, Func<ComplianceLogFileBuilder, bool> Add)>> ReadPageAsync(
        string workspaceId, ComplianceLogType type, long afterSeq, CancellationToken cancellationToken)
    {
        if (type == ComplianceLogType.CodexLog)
        {
            var page = await records.ReadAfterSeqAsync(workspaceId, afterSeq, ReadPageSize, cancellationToken).ConfigureAwait(false);
            return page.Select(r => (r.Seq, r.ReceivedAt, (Func<ComplianceLogFileBuilder, bool>)(b => b.TryAdd(r)))).ToList();
        }

        var events = await audit.ReadAfterSeqAsync(workspaceId, afterSeq, ReadPageSize, cancellationToken).ConfigureAwait(false);
        return events.Select(e => (e.Seq, e.OccurredAt, (Func<ComplianceLogFileBuilder, bool>)(b => b.TryAdd(e)))).ToList();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sealed {FileName}: {Count} lines, {Bytes} bytes, workspace {WorkspaceId}")]
    private static partial void LogSealed(ILogger logger, string fileName, int count, long bytes, string workspaceId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Type} of workspace {WorkspaceId} from seq {FirstSeq} was sealed by another sealer; skipped")]
    private static partial void LogSealConflict(ILogger logger, string type, string workspaceId, long firstSeq);

    [LoggerMessage(Level = LogLevel.Error, Message = "A round of compliance log sealing failed; the next round retries")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Compliance log sealing is off on this instance (Compliance:Logs:SealingEnabled=false)")]
    private static partial void LogDisabled(ILogger logger);
}
