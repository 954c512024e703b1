using System.Text.Json.Nodes;

namespace AgentLedger.Core.Governance;

/// <summary>
/// One alert or report, stored once (its <see cref="DedupeKey"/> is unique per workspace: budget, period and
/// threshold; user and day; report period), with a delivery per channel configured when it was raised.
/// </summary>
/// <param name="Kind">One of <see cref="NotificationKinds"/>.</param>
/// <param name="Subject">One line for a chat message or an e-mail subject.</param>
/// <param name="Payload">The JSON every channel renders from (and the webhook sends as is).</param>
public sealed record GovernanceNotification(
    string WorkspaceId, string NotificationId, string DedupeKey, string Kind, string Subject, JsonObject Payload, DateTimeOffset CreatedAt);
