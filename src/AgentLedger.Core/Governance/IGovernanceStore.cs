namespace AgentLedger.Core.Governance;

/// <summary>Budgets, alert channels, privacy settings and the durable record of alerts and their deliveries.</summary>
public interface IGovernanceStore
{
    /// <summary>Creates or replaces the budget with its id.</summary>
    Task SaveBudgetAsync(Budget budget, CancellationToken cancellationToken);

    Task<Budget?> FindBudgetAsync(string workspaceId, string budgetId, CancellationToken cancellationToken);

    /// <summary>The workspace's budgets by name, then id.</summary>
    Task<IReadOnlyList<Budget>> ListBudgetsAsync(string workspaceId, CancellationToken cancellationToken);

    /// <summary>Every workspace's budgets, for the alert job.</summary>
    Task<IReadOnlyList<Budget>> ListAllBudgetsAsync(CancellationToken cancellationToken);

    Task<bool> DeleteBudgetAsync(string workspaceId, string budgetId, CancellationToken cancellationToken);

    Task SaveChannelAsync(AlertChannel channel, CancellationToken cancellationToken);

    /// <summary>The workspace's channels by creation.</summary>
    Task<IReadOnlyList<AlertChannel>> ListChannelsAsync(string workspaceId, CancellationToken cancellationToken);

    Task<bool> DeleteChannelAsync(string workspaceId, string channelId, CancellationToken cancellationToken);

    /// <summary>The stored settings, or null when the workspace never saved any.</summary>
    Task<GovernanceSettings?> FindSettingsAsync(string workspaceId, CancellationToken cancellationToken);

    Task SaveSettingsAsync(GovernanceSettings settings, CancellationToken cancellationToken);

    /// <summary>Every workspace's stored settings, for the report schedule.</summary>
    Task<IReadOnlyList<GovernanceSettings>> ListSettingsAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Stores the notification and one pending delivery per channel, atomically, unless one with the same
    /// <see cref="GovernanceNotification.DedupeKey"/> exists in the workspace: then stores nothing and answers false.
    /// This is what makes an alert go out once per threshold and period, however many instances evaluate it.
    /// </summary>
    Task<bool> TryAddNotificationAsync(GovernanceNotification notification, IReadOnlyList<string> channelIds, CancellationToken cancellationToken);

    /// <summary>Pending deliveries whose next attempt is due at <paramref name="now"/>, oldest first.</summary>
    Task<IReadOnlyList<NotificationDelivery>> ListDueDeliveriesAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken);

    /// <summary>Records an attempt: delivered, failed (retry at <paramref name="nextAttemptAt"/>) or abandoned.</summary>
    Task RecordAttemptAsync(
        string workspaceId, string notificationId, string channelId, DeliveryStatus status, DateTimeOffset at, DateTimeOffset nextAttemptAt,
        string? error, CancellationToken cancellationToken);

    /// <summary>The workspace's notifications, newest first, before <paramref name="beforeId"/> (keyset paging).</summary>
    Task<IReadOnlyList<GovernanceNotification>> ListNotificationsAsync(
        string workspaceId, string? beforeId, int limit, CancellationToken cancellationToken);

    /// <summary>The deliveries of one notification, by channel id.</summary>
    Task<IReadOnlyList<NotificationDelivery>> ListDeliveriesAsync(string workspaceId, string notificationId, CancellationToken cancellationToken);
}
