using AgentLedger.Core.Siem;

namespace AgentLedger.Server.Features.Siem;

/// <summary>The items to send next, and the seq up to which the source was looked at to find them.</summary>
public sealed record SiemPage(IReadOnlyList<SiemItem> Items, long ScannedUpto);
