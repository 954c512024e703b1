using AgentLedger.Core.Siem;

namespace AgentLedger.Server.Features.Siem;

/// <summary>
/// Delivers one destination while this instance holds its lease: reads the items after the checkpoint, records the
/// attempt, sends them, and moves the checkpoint only after the destination accepted them (or set them aside).
/// Failures are retried with <see cref="SiemRetryPolicy"/> back-off on the same items, so order is kept and nothing
/// is skipped however long the receiver is down. A crash between send and commit sends the chunk again after
/// restart: at-least-once, with every such resend counted in <see cref="SiemDeliveryState.RedeliveredCount"/>.
/// </summary>
public sealed partial class SiemDeliverer(
    SiemDestination destination,
    ISiemSender sender,
    ISiemStore store,
    SiemItemSource source,
    SiemRetryPolicy retry,
    TimeSpan pollInterval,
    TimeProvider time,
    ILogger logger)
{
    private readonly HashSet<long> _sent = [];
    private long _attemptedBefore;

    /// <summary>Runs until cancelled, or until the checkpoint was moved by someone else (the lease was lost).</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var state = await store.GetStateAsync(destination.WorkspaceId, destination.Id, cancellationToken).ConfigureAwait(false);
        if (state is null)
        {
            return;
        }

        var checkpoint = state.CheckpointSeq;
        _attemptedBefore = state.AttemptedSeq;
        var failures = state.ConsecutiveFailures;
        LogStarted(logger, destination.Id, destination.WorkspaceId, checkpoint);
        while (!cancellationToken.IsCancellationRequested)
        {
            var page = await source.ReadAsync(destination, checkpoint, cancellationToken).ConfigureAwait(false);
            if (page.ScannedUpto <= checkpoint)
            {
                await Task.Delay(pollInterval, time, cancellationToken).ConfigureAwait(false);
                continue;
            }

            var outcome = await DeliverAsync(page.Items, failures, cancellationToken).ConfigureAwait(false);
            failures = 0;
            var commit = new SiemCommit(checkpoint, page.ScannedUpto, outcome.Delivered, outcome.Redelivered, outcome.SetAside, time.GetUtcNow());
            if (!await store.CommitAsync(destination.WorkspaceId, destination.Id, commit, CancellationToken.None).ConfigureAwait(false))
            {
                LogCheckpointMoved(logger, destination.Id, checkpoint);
                return;
            }

            foreach (var item in outcome.SetAside)
            {
                LogSetAside(logger, destination.Id, item.Seq, item.Error);
            }

            _sent.RemoveWhere(seq => seq <= page.ScannedUpto);
            checkpoint = page.ScannedUpto;
        }
    }

    private async Task<(long Delivered, long Redelivered, List<SiemSetAsideItem> SetAside)> DeliverAsync(
        IReadOnlyList<SiemItem> items, int failures, CancellationToken cancellationToken)
    {
        var setAside = new List<SiemSetAsideItem>();
        long delivered = 0, redelivered = 0;
        if (items.Count == 0)
        {
            return (0, 0, setAside);
        }

        await store.BeginAttemptAsync(destination.WorkspaceId, destination.Id, items[^1].Seq, cancellationToken).ConfigureAwait(false);
        var pending = new List<SiemItem>(items);
        var chunkSize = pending.Count;
        while (pending.Count > 0)
        {
            var chunk = pending.Take(chunkSize).ToList();
            foreach (var item in chunk)
            {
                // Sent before, by an earlier run (a crash between send and commit) or by an attempt here whose outcome
                // was unknown: each such send may give the receiver a duplicate.
                var sentByEarlierRun = item.Seq <= _attemptedBefore;
                if (!_sent.Add(item.Seq) || sentByEarlierRun)
                {
                    redelivered++;
                }
            }

            var result = await sender.SendAsync(chunk, cancellationToken).ConfigureAwait(false);
            switch (result.Status)
            {
                case SiemSendStatus.Accepted:
                    foreach (var (index, reason) in result.RejectedItems)
                    {
                        setAside.Add(new SiemSetAsideItem(chunk[index].Seq, time.GetUtcNow(), reason));
                    }

                    delivered += chunk.Count - result.RejectedItems.Count;
                    pending.RemoveRange(0, chunk.Count);
                    failures = 0;
                    break;
                case SiemSendStatus.Rejected when result.RejectedIndex is { } bad:
                    delivered += bad;
                    setAside.Add(new SiemSetAsideItem(chunk[bad].Seq, time.GetUtcNow(), result.Error ?? "rejected"));
                    pending.RemoveRange(0, bad + 1);
                    break;
                case SiemSendStatus.Rejected when chunk.Count == 1:
                    setAside.Add(new SiemSetAsideItem(chunk[0].Seq, time.GetUtcNow(), result.Error ?? "rejected"));
                    pending.RemoveAt(0);
                    break;
                case SiemSendStatus.Rejected:
                    // The receiver refused the batch without saying which item: find the poison one by one.
                    chunkSize = 1;
                    break;
                default:
                    failures++;
                    var error = result.Error ?? "delivery failed";
                    await store.RecordFailureAsync(destination.WorkspaceId, destination.Id, error, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
                    var wait = retry.Delay(failures, Random.Shared.NextDouble(), result.RetryAfter);
                    LogRetrying(logger, destination.Id, error, failures, wait.TotalSeconds);
                    await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
                    break;
            }
        }

        return (delivered, redelivered, setAside);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "SIEM destination {DestinationId} of workspace {WorkspaceId}: delivering after seq {Seq}")]
    private static partial void LogStarted(ILogger logger, string destinationId, string workspaceId, long seq);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SIEM destination {DestinationId}: attempt failed ({Error}), failure {Failures} in a row; retrying in {Seconds:0.0} s")]
    private static partial void LogRetrying(ILogger logger, string destinationId, string error, int failures, double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "SIEM destination {DestinationId}: item seq {Seq} rejected for good and set aside ({Error})")]
    private static partial void LogSetAside(ILogger logger, string destinationId, long seq, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SIEM destination {DestinationId}: checkpoint {Seq} was moved by another deliverer; stopping")]
    private static partial void LogCheckpointMoved(ILogger logger, string destinationId, long seq);
}
