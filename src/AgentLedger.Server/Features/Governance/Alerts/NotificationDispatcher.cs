using System.Text.Json.Nodes;
using AgentLedger.Core.Compliance;
using AgentLedger.Core.Governance;
using AgentLedger.Server.Features.Compliance.Audit;
using Microsoft.Extensions.Options;

namespace AgentLedger.Server.Features.Governance.Alerts;

/// <summary>
/// Sends the deliveries that are due, each to its channel. A failure is retried with exponential back-off (30 s,
/// 1 min, 2 min, … at most an hour) until <see cref="GovernanceOptions.MaxDeliveryAttempts"/>; then, or when the
/// channel was removed, the delivery is abandoned. Delivered and abandoned deliveries are audit records too.
/// </summary>
/// <remarks>
/// Each delivery is recorded after its send, so a crash between the two sends it again on the next round: at least
/// once. Receivers drop the repeat by <c>X-AgentLedger-Delivery</c> (the notification id).
/// </remarks>
public sealed partial class NotificationDispatcher(
    IGovernanceStore store,
    IEnumerable<IAlertChannelSender> senders,
    ComplianceAuditor auditor,
    IOptions<GovernanceOptions> options,
    TimeProvider time,
    ILogger<NotificationDispatcher> logger)
{
    private const int BatchSize = 200;

    /// <summary>Sends every due delivery once; returns how many were delivered.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken cancellationToken)
    {
        var bySender = senders.ToDictionary(s => s.Kind);
        var channels = new Dictionary<string, IReadOnlyList<AlertChannel>>(StringComparer.Ordinal);
        var delivered = 0;
        foreach (var delivery in await store.ListDueDeliveriesAsync(time.GetUtcNow(), BatchSize, cancellationToken).ConfigureAwait(false))
        {
            var notification = delivery.Notification;
            if (!channels.TryGetValue(notification.WorkspaceId, out var list))
            {
                list = await store.ListChannelsAsync(notification.WorkspaceId, cancellationToken).ConfigureAwait(false);
                channels.Add(notification.WorkspaceId, list);
            }

            var channel = list.FirstOrDefault(c => c.ChannelId == delivery.ChannelId);
            if (channel is null)
            {
                await AbandonAsync(delivery, "The channel was removed.", cancellationToken).ConfigureAwait(false);
                continue;
            }

            try
            {
                await bySender[channel.Kind].SendAsync(channel, notification, cancellationToken).ConfigureAwait(false);
            }
            catch (AlertDeliveryException ex)
            {
                LogDeliveryFailed(logger, notification.NotificationId, channel.ChannelId, delivery.Attempts + 1, ex.Message);
                if (delivery.Attempts + 1 >= options.Value.MaxDeliveryAttempts)
                {
                    await AbandonAsync(delivery, ex.Message, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    var now = time.GetUtcNow();
                    await store.RecordAttemptAsync(notification.WorkspaceId, notification.NotificationId, channel.ChannelId, DeliveryStatus.Pending, now,
                        now + Backoff(delivery.Attempts + 1), ex.Message, cancellationToken).ConfigureAwait(false);
                }

                continue;
            }

            var at = time.GetUtcNow();
            await store.RecordAttemptAsync(notification.WorkspaceId, notification.NotificationId, channel.ChannelId, DeliveryStatus.Delivered, at, at, null,
                cancellationToken).ConfigureAwait(false);
            await auditor.RecordSystemAsync(notification.WorkspaceId, GovernanceAuditActions.AlertDelivered, AuditResult.Success,
                Data(delivery, channel.Kind), cancellationToken).ConfigureAwait(false);
            delivered++;
        }

        return delivered;
    }

    /// <summary>30 seconds after the first failure, doubling, at most an hour.</summary>
    public static TimeSpan Backoff(int attempts) => TimeSpan.FromSeconds(Math.Min(3600, 30 * Math.Pow(2, Math.Max(0, attempts - 1))));

    private async Task AbandonAsync(NotificationDelivery delivery, string reason, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var notification = delivery.Notification;
        await store.RecordAttemptAsync(notification.WorkspaceId, notification.NotificationId, delivery.ChannelId, DeliveryStatus.Abandoned, now, now, reason,
            cancellationToken).ConfigureAwait(false);
        var data = Data(delivery, null);
        data["reason"] = reason;
        await auditor.RecordSystemAsync(notification.WorkspaceId, GovernanceAuditActions.AlertAbandoned, AuditResult.Failed, data, cancellationToken)
            .ConfigureAwait(false);
    }

    private static JsonObject Data(NotificationDelivery delivery, AlertChannelKind? kind)
    {
        var data = new JsonObject
        {
            ["notification_id"] = delivery.Notification.NotificationId,
            ["kind"] = delivery.Notification.Kind,
            ["channel_id"] = delivery.ChannelId,
            ["attempts"] = delivery.Attempts + 1,
        };
        if (kind is { } k)
        {
            data["channel_kind"] = GovernanceNames.Of(k);
        }

        return data;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery of notification {NotificationId} to channel {ChannelId} failed (attempt {Attempt}): {Reason}")]
    private static partial void LogDeliveryFailed(ILogger logger, string notificationId, string channelId, int attempt, string reason);
}
