namespace AgentLedger.Server.Features.Governance.Alerts;

/// <summary>A channel to add.</summary>
/// <param name="Name">A label, 1 to 200 characters.</param>
/// <param name="Kind"><c>webhook</c> (signed JSON), <c>slack</c> (Slack-compatible incoming webhook) or <c>email</c>.</param>
/// <param name="Url">The http(s) URL (webhook, slack).</param>
/// <param name="Secret">The webhook's signing secret, at least 16 characters (webhook only).</param>
/// <param name="Recipients">E-mail addresses (email only), 1 to 50.</param>
public sealed record AlertChannelRequest(string? Name, string? Kind, string? Url, string? Secret, string[]? Recipients);

/// <summary>A channel as the API shows it: never the secret, and only the scheme and host of a URL (a Slack URL is itself a secret).</summary>
public sealed record AlertChannelView(string Id, string Name, string Kind, string Target, DateTimeOffset CreatedAt);

/// <summary>A page of notifications, newest first.</summary>
/// <param name="NextPage">Pass as <c>before</c> for older notifications; null on the last page.</param>
public sealed record NotificationPage(IReadOnlyList<NotificationView> Data, bool HasMore, string? NextPage);

/// <summary>An alert or report with its deliveries.</summary>
/// <param name="Payload">What the webhook channel receives.</param>
public sealed record NotificationView(
    string Id, string Kind, string Subject, DateTimeOffset CreatedAt, System.Text.Json.Nodes.JsonObject Payload, IReadOnlyList<DeliveryView> Deliveries);

/// <summary>One channel's delivery of a notification.</summary>
/// <param name="Status"><c>pending</c>, <c>delivered</c> or <c>abandoned</c>.</param>
public sealed record DeliveryView(string ChannelId, string Status, int Attempts, DateTimeOffset? DeliveredAt, DateTimeOffset NextAttemptAt, string? LastError);
