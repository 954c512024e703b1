using System.Net.Http.Headers;
using System.Text;
using AgentLedger.Core.Delivery;
using AgentLedger.Core.Governance;

namespace AgentLedger.Server.Features.Governance.Alerts;

/// <summary>
/// POSTs the notification's JSON payload, signed as every AgentLedger webhook (<see cref="WebhookSignature"/>), with
/// <c>X-AgentLedger-Event</c> (the kind) and <c>X-AgentLedger-Delivery</c> (the notification id, for the receiver to
/// drop a repeat after a retry). Any 2xx is delivered.
/// </summary>
public sealed class WebhookAlertSender(IHttpClientFactory clients, TimeProvider time) : IAlertChannelSender
{
    public const string HttpClientName = "governance-alerts";
    public const string EventHeader = "X-AgentLedger-Event";
    public const string DeliveryHeader = "X-AgentLedger-Delivery";

    public AlertChannelKind Kind => AlertChannelKind.Webhook;

    public async Task SendAsync(AlertChannel channel, GovernanceNotification notification, CancellationToken cancellationToken)
    {
        var body = Encoding.UTF8.GetBytes(notification.Payload.ToJsonString());
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, channel.Target) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(Encoding.UTF8.GetBytes(channel.Secret ?? ""), timestamp, body));
        request.Headers.Add(EventHeader, notification.Kind);
        request.Headers.Add(DeliveryHeader, notification.NotificationId);
        await HttpPost.SendAsync(clients, request, cancellationToken).ConfigureAwait(false);
    }
}
