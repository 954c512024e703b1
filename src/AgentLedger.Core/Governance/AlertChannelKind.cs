namespace AgentLedger.Core.Governance;

/// <summary>Where governance alerts and reports go.</summary>
public enum AlertChannelKind
{
    /// <summary>An HTTPS endpoint that receives JSON signed as every AgentLedger webhook (<see cref="Delivery.WebhookSignature"/>).</summary>
    Webhook = 0,

    /// <summary>A Slack (or Slack-compatible: Mattermost, Rocket.Chat, Teams workflows) incoming webhook URL.</summary>
    Slack,

    /// <summary>E-mail to one or more addresses over the configured SMTP server.</summary>
    Email,
}
