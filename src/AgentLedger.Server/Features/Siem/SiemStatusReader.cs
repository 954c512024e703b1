using AgentLedger.Core.Compliance;
using AgentLedger.Core.Records;
using AgentLedger.Core.Siem;
using Microsoft.Extensions.Options;

namespace AgentLedger.Server.Features.Siem;

/// <summary>
/// Computes <see cref="SiemStatus"/> from the stored progress and the source's last seq. A destination is degraded
/// when its oldest undelivered item has waited longer than <see cref="SiemOptions.DegradedAfter"/>, or when it is
/// failing and has something to deliver: the API, the dashboard and <c>/health/ready</c> all use this one rule.
/// </summary>
public sealed class SiemStatusReader(ISiemStore store, IRecordReader records, IAuditLog audit, IOptions<SiemOptions> options, TimeProvider time)
{
    public async Task<SiemStatus?> ReadAsync(SiemDestination destination, CancellationToken cancellationToken)
    {
        var state = await store.GetStateAsync(destination.WorkspaceId, destination.Id, cancellationToken).ConfigureAwait(false);
        if (state is null)
        {
            return null;
        }

        long lastSeq;
        DateTimeOffset? oldestWaiting = null;
        if (destination.Filter.Source == SiemSource.AuditLog)
        {
            lastSeq = await audit.LastSeqAsync(destination.WorkspaceId, cancellationToken).ConfigureAwait(false);
            if (lastSeq > state.CheckpointSeq)
            {
                var next = await audit.ReadAfterSeqAsync(destination.WorkspaceId, state.CheckpointSeq, 1, cancellationToken).ConfigureAwait(false);
                oldestWaiting = next.Count > 0 ? next[0].OccurredAt : null;
            }
        }
        else
        {
            lastSeq = (await records.CountAsync(destination.WorkspaceId, cancellationToken).ConfigureAwait(false)).LastSeq;
            if (lastSeq > state.CheckpointSeq)
            {
                var next = await records.ReadAfterSeqAsync(destination.WorkspaceId, state.CheckpointSeq, 1, cancellationToken).ConfigureAwait(false);
                oldestWaiting = next.Count > 0 ? next[0].ReceivedAt : null;
            }
        }

        var lagRecords = Math.Max(0, lastSeq - state.CheckpointSeq);
        var lagSeconds = oldestWaiting is { } oldest ? Math.Max(0, (time.GetUtcNow() - oldest).TotalSeconds) : 0;
        var degraded = destination.Enabled && lagRecords > 0
                       && (lagSeconds > options.Value.DegradedAfter.TotalSeconds || state.ConsecutiveFailures > 0);
        return new SiemStatus(state, lastSeq, lagRecords, Math.Round(lagSeconds, 3), degraded);
    }
}
