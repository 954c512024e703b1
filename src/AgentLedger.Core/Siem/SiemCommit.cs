namespace AgentLedger.Core.Siem;

/// <summary>
/// What one delivery round moves: the checkpoint from <see cref="FromSeq"/> to <see cref="ToSeq"/>, with the items
/// accepted, those sent again (<see cref="SiemDeliveryState.RedeliveredCount"/>) and those set aside on the way.
/// </summary>
public sealed record SiemCommit(
    long FromSeq, long ToSeq, long Delivered, long Redelivered, IReadOnlyList<SiemSetAsideItem> SetAside, DateTimeOffset At);
