using AgentLedger.Core.Compliance;
using AgentLedger.Core.Records;
using AgentLedger.Core.Siem;

namespace AgentLedger.Server.Features.Siem;

/// <summary>
/// Reads the next items of a destination's source after its checkpoint. Records are read through the compliance
/// reader with the destination's filter over a bounded seq window, so a selective filter costs work proportional to
/// the window, not to the table; <see cref="SiemPage.ScannedUpto"/> is how far the read looked, which the checkpoint
/// may move to once the page's items are delivered, including past records the filter left out.
/// </summary>
public sealed class SiemItemSource(IRecordReader records, IComplianceRecordReader compliance, IAuditLog audit)
{
    /// <summary>The widest seq range one read looks at.</summary>
    public const long ScanWindow = 20_000;

    public async Task<SiemPage> ReadAsync(SiemDestination destination, long afterSeq, CancellationToken cancellationToken)
    {
        var limit = destination.Endpoint.MaxBatchRecords;
        if (destination.Filter.Source == SiemSource.AuditLog)
        {
            var events = await audit.ReadAfterSeqAsync(destination.WorkspaceId, afterSeq, limit, cancellationToken).ConfigureAwait(false);
            return new SiemPage(events.Select(SiemItem.Of).ToList(), events.Count == 0 ? afterSeq : events[^1].Seq);
        }

        var lastSeq = (await records.CountAsync(destination.WorkspaceId, cancellationToken).ConfigureAwait(false)).LastSeq;
        if (lastSeq <= afterSeq)
        {
            return new SiemPage([], afterSeq);
        }

        var upto = Math.Min(lastSeq, afterSeq + ScanWindow);
        var page = destination.Filter.Records.IsEmpty
            ? await records.ReadAfterSeqAsync(destination.WorkspaceId, afterSeq, limit, cancellationToken).ConfigureAwait(false)
            : await compliance.ReadAsync(destination.WorkspaceId, destination.Filter.Records, afterSeq, upto, limit, cancellationToken).ConfigureAwait(false);
        var scanned = page.Count == limit ? page[^1].Seq : upto;
        var items = page.Where(r => r.Seq <= scanned && destination.Filter.MatchesDlp(r)).Select(SiemItem.Of).ToList();
        return new SiemPage(items, scanned);
    }
}
