using AgentLedger.Core.Governance;

namespace AgentLedger.Server.Features.Governance.Alerts;

/// <summary>The human-readable form of a notification, shared by chat and e-mail: its subject and its <c>text</c> lines.</summary>
public static class AlertText
{
    public const string TextProperty = "text";

    public static string Body(GovernanceNotification notification) =>
        notification.Payload[TextProperty]?.GetValue<string>() ?? notification.Subject;
}
