using AgentLedger.Core.Siem;

namespace AgentLedger.Server.Features.Siem;

/// <summary>
/// Where a destination stands: its durable progress, how far it lags behind its source (items after the checkpoint,
/// whether or not the filter keeps them, and how long the oldest of them has waited), and whether that is degraded.
/// </summary>
public sealed record SiemStatus(
    SiemDeliveryState State, long SourceLastSeq, long LagRecords, double LagSeconds, bool Degraded);
