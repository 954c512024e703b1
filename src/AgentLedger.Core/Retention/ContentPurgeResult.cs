namespace AgentLedger.Core.Retention;

/// <summary>What one content purge removed: record contents cleared, sealed files emptied, and records a hold kept.</summary>
public sealed record ContentPurgeResult(long Records, long Files, long Held);
