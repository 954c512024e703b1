using AgentLedger.Core.Governance;

namespace AgentLedger.Server.Features.Governance.Alerts;

/// <summary>Sends one notification to one channel of its kind; throws <see cref="AlertDeliveryException"/> when it could not.</summary>
public interface IAlertChannelSender
{
    AlertChannelKind Kind { get; }

    Task SendAsync(AlertChannel channel, GovernanceNotification notification, CancellationToken cancellationToken);
}
