namespace AgentLedger.Server.Features.Siem;

/// <summary>An item a destination rejected for good: its seq in the destination's source, when, and the receiver's answer.</summary>
public sealed record SiemSetAsideView(long Seq, DateTimeOffset SetAsideAt, string Error);
