namespace AgentLedger.Server.Features.Compliance.Retention;

/// <summary>The workspace's holds, oldest first.</summary>
public sealed record LegalHoldList(IReadOnlyList<LegalHoldView> Data);
