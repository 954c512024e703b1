using AgentLedger.Core.Governance;

namespace AgentLedger.Server.Features.Secrets;

/// <summary>The governance store with alert channels' webhook signing secrets encrypted at rest.</summary>
internal sealed class ProtectedGovernanceStore(IGovernanceStore inner, SecretProtector protector) : IGovernanceStore
{
    public Task SaveBudgetAsync(Budget budget, CancellationToken cancellationToken) => inner.SaveBudgetAsync(budget, cancellationToken);

    public Task<Budget?> FindBudgetAsync(string workspaceId, string budgetId, CancellationToken cancellationToken) =>
        inner.FindBudgetAsync(workspaceId, budgetId, cancellationToken);

    public Task<IReadOnlyList<Budget>> ListBudgetsAsync(string workspaceId, CancellationToken cancellationToken) =>
        inner.ListBudgetsAsync(workspaceId, cancellationToken);

    public Task<IReadOnlyList<Budget>> ListAllBudgetsAsync(CancellationToken cancellationToken) => inner.ListAllBudgetsAsync(cancellationToken);

    public Task<bool> DeleteBudgetAsync(string workspaceId, string budgetId, CancellationToken cancellationToken) =>
        inner.DeleteBudgetAsync(workspaceId, budgetId, cancellationToken);

    public Task SaveChannelAsync(AlertChannel channel, CancellationToken cancellationToken) =>
        inner.SaveChannelAsync(channel with { Secret = protector.ProtectOrNull(channel.Secret) }, cancellationToken);

    public async Task<IReadOnlyList<AlertChannel>> ListChannelsAsync(string workspaceId, CancellationToken cancellationToken) =>
        (await inner.ListChannelsAsync(workspaceId, cancellationToken).ConfigureAwait(false))
        .Select(c => c with { Secret = protector.UnprotectOrNull(c.Secret) }).ToList();

    public Task<bool> DeleteChannelAsync(string workspaceId, string channelId, CancellationToken cancellationToken) =>
        inner.DeleteChannelAsync(workspaceId, channelId, cancellationToken);

    public Task<GovernanceSettings?> FindSettingsAsync(string workspaceId, CancellationToken cancellationToken) =>
        inner.FindSettingsAsync(workspaceId, cancellationToken);

    public Task SaveSettingsAsync(GovernanceSettings settings, CancellationToken cancellationToken) => inner.SaveSettingsAsync(settings, cancellationToken);

    public Task<IReadOnlyList<GovernanceSettings>> ListSettingsAsync(CancellationToken cancellationToken) => inner.ListSettingsAsync(cancellationToken);

    public Task<bool> TryAddNotificationAsync(GovernanceNotification notification, IReadOnlyList<string> channelIds, CancellationToken cancellationToken) =>
        inner.TryAddNotificationAsync(notification, channelIds, cancellationToken);

    public Task<IReadOnlyList<NotificationDelivery>> ListDueDeliveriesAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
        inner.ListDueDeliveriesAsync(now, limit, cancellationToken);

    public Task RecordAttemptAsync(
        string workspaceId, string notificationId, string channelId, DeliveryStatus status, DateTimeOffset at, DateTimeOffset nextAttemptAt,
        string? error, CancellationToken cancellationToken) =>
        inner.RecordAttemptAsync(workspaceId, notificationId, channelId, status, at, nextAttemptAt, error, cancellationToken);

    public Task<IReadOnlyList<GovernanceNotification>> ListNotificationsAsync(
        string workspaceId, string? beforeId, int limit, CancellationToken cancellationToken) =>
        inner.ListNotificationsAsync(workspaceId, beforeId, limit, cancellationToken);

    public Task<IReadOnlyList<NotificationDelivery>> ListDeliveriesAsync(string workspaceId, string notificationId, CancellationToken cancellationToken) =>
        inner.ListDeliveriesAsync(workspaceId, notificationId, cancellationToken);
}
