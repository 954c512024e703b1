namespace AgentLedger.Core.Siem;

/// <summary>An item a destination rejected permanently (a poison record): skipped so that the rest flows, kept visible.</summary>
public sealed record SiemSetAsideItem(long Seq, DateTimeOffset SetAsideAt, string Error);
