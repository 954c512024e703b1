namespace AgentLedger.Core.Governance;

/// <summary>The state of one notification's delivery to one channel.</summary>
public enum DeliveryStatus
{
    Pending = 0,
    Delivered,

    /// <summary>Given up: too many failed attempts, or the channel was removed.</summary>
    Abandoned,
}
