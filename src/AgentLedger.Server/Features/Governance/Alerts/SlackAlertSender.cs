using System.Text;
using System.Text.Json.Nodes;
using AgentLedger.Core.Governance;

namespace AgentLedger.Server.Features.Governance.Alerts;

/// <summary>
/// POSTs a Slack incoming-webhook message (<c>{"text": …, "blocks": […]}</c>, https://api.slack.com/messaging/webhooks):
/// <c>text</c> is the notification (and the fallback of clients that ignore blocks), one header and one mrkdwn section
/// carry the same. Mattermost, Rocket.Chat and Discord's <c>/slack</c> endpoints take the same payload.
/// </summary>
public sealed class SlackAlertSender(IHttpClientFactory clients) : IAlertChannelSender
{
    public AlertChannelKind Kind => AlertChannelKind.Slack;

    public static JsonObject Message(GovernanceNotification notification)
    {
        var body = AlertText.Body(notification);
        return new JsonObject
        {
            ["text"] = $"{notification.Subject}\n{body}",
            ["blocks"] = new JsonArray(
                new JsonObject
                {
                    ["type"] = "header",
                    ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = Truncate(notification.Subject, 150) },
                },
                new JsonObject
                {
                    ["type"] = "section",
                    ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = Truncate(Escape(body), 3000) },
                }),
        };
    }

    public async Task SendAsync(AlertChannel channel, GovernanceNotification notification, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, channel.Target)
        {
            Content = new StringContent(Message(notification).ToJsonString(), Encoding.UTF8, "application/json"),
        };
        await HttpPost.SendAsync(clients, request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Slack's mrkdwn needs only &amp;, &lt; and &gt; escaped.</summary>
    private static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
