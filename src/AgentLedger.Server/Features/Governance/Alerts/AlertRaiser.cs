using System.Text.Json.Nodes;
using AgentLedger.Core.Compliance;
using AgentLedger.Core.Governance;
using AgentLedger.Server.Features.Compliance.Audit;

namespace AgentLedger.Server.Features.Governance.Alerts;

/// <summary>
/// Raises a notification: stores it once (by its dedupe key) with a pending delivery for every channel the workspace
/// has now, and writes the audit record of the alert. A second raise of the same key does nothing.
/// </summary>
public sealed class AlertRaiser(IGovernanceStore store, ComplianceAuditor auditor)
{
    public async Task<bool> RaiseAsync(GovernanceNotification notification, CancellationToken cancellationToken)
    {
        var channels = await store.ListChannelsAsync(notification.WorkspaceId, cancellationToken).ConfigureAwait(false);
        var added = await store.TryAddNotificationAsync(notification, channels.Select(c => c.ChannelId).ToList(), cancellationToken).ConfigureAwait(false);
        if (added)
        {
            await auditor.RecordSystemAsync(notification.WorkspaceId, GovernanceAuditActions.AlertRaised, AuditResult.Success, new JsonObject
            {
                ["notification_id"] = notification.NotificationId,
                ["kind"] = notification.Kind,
                ["dedupe_key"] = notification.DedupeKey,
                ["subject"] = notification.Subject,
                ["channel_ids"] = new JsonArray(channels.Select(c => (JsonNode?)c.ChannelId).ToArray()),
            }, cancellationToken).ConfigureAwait(false);
        }

        return added;
    }
}
