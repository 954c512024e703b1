namespace AgentLedger.Core.Governance;

/// <summary>One notification to one channel, with its attempts so far.</summary>
public sealed record NotificationDelivery(
    GovernanceNotification Notification,
    string ChannelId,
    DeliveryStatus Status,
    int Attempts,
    DateTimeOffset NextAttemptAt,
    DateTimeOffset? DeliveredAt,
    string? LastError);
