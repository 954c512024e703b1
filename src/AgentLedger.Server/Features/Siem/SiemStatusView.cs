namespace AgentLedger.Server.Features.Siem;

/// <summary>A destination's delivery status.</summary>
/// <param name="CheckpointSeq">Every item of the source up to this seq is delivered, set aside or filtered out.</param>
/// <param name="SourceLastSeq">The source's last seq (records or audit log).</param>
/// <param name="LagRecords">Items after the checkpoint (whether or not the filter keeps them).</param>
/// <param name="LagSeconds">How long the oldest item after the checkpoint has waited; 0 when caught up.</param>
/// <param name="Degraded">Lagging longer than Siem:DegradedAfter, or failing with items waiting; also reported by /health/ready.</param>
/// <param name="DeliveredCount">Items the destination accepted.</param>
/// <param name="RedeliveredCount">Items sent again after an attempt with unknown outcome (crash, timeout, error): the most duplicates the receiver can have.</param>
/// <param name="SetAsideCount">Items rejected for good (see the set-aside list).</param>
public sealed record SiemStatusView(
    long CheckpointSeq,
    long SourceLastSeq,
    long LagRecords,
    double LagSeconds,
    bool Degraded,
    long DeliveredCount,
    long RedeliveredCount,
    long SetAsideCount,
    DateTimeOffset? LastSuccessAt,
    string? LastError,
    DateTimeOffset? LastErrorAt,
    int ConsecutiveFailures)
{
    public static SiemStatusView From(SiemStatus s) => new(
        s.State.CheckpointSeq, s.SourceLastSeq, s.LagRecords, s.LagSeconds, s.Degraded, s.State.DeliveredCount, s.State.RedeliveredCount,
        s.State.SetAsideCount, s.State.LastSuccessAt, s.State.LastError, s.State.LastErrorAt, s.State.ConsecutiveFailures);
}
