using AgentLedger.Core.Records;

namespace AgentLedger.Core.Metrics;

/// <summary>
/// The definitions the whole product shares. Rollups, the analytics API, the dashboard and the docs
/// (docs/metrics.md) all use these and nothing else.
/// </summary>
public static class MetricDefinitions
{
    /// <summary>
    /// A <b>thread</b> is a session (conversation) identified by <see cref="ActivityRecord.SessionId"/>.
    /// It is counted once, in the hour and on the client of the first record of that session that arrives.
    /// Records without a session id start no thread.
    /// </summary>
    public const string Thread = "A session or conversation, counted once in the bucket of its first record.";

    /// <summary>
    /// A <b>turn</b> is one user prompt and the agent work it causes; a cloud task counts as one turn
    /// (it is a prompt given to a cloud agent).
    /// </summary>
    public const string Turn = "One user prompt (or cloud task) and the agent work it causes.";

    /// <summary>A <b>message</b> is a user prompt.</summary>
    public const string Message = "A user prompt.";

    /// <summary>
    /// An <b>active user</b> on a surface and day is a directory user with any record on that surface
    /// that day (in the workspace time zone).
    /// </summary>
    public const string ActiveUser = "A user with any record on the surface that day.";

    /// <summary>
    /// <b>Credits</b>: cost converted by the configurable price book. Sources that report credits keep them;
    /// sources that report cost in USD are converted at the book's credits per USD; otherwise the cost is
    /// priced from token counts and the model's rates.
    /// </summary>
    public const string Credits = "Cost converted by the price book; reported credits are kept as sent.";

    /// <summary>
    /// Whether the record's turns, messages, tool calls, errors, tokens, cost and duration count in analytics. Every
    /// record counts as activity (active users, threads), but a gateway record whose workspace leaves accounting to
    /// the agents' telemetry (<see cref="GatewayAccountingAttribute"/> = <c>telemetry</c>) does not count again what
    /// the same session's OTLP records already count. See docs/adr/0006-gateway.md.
    /// </summary>
    public static bool IsCounted(ActivityRecord record) =>
        record.Source != RecordSource.Gateway
        || !(record.Attributes?["gateway"] is System.Text.Json.Nodes.JsonObject gateway
             && gateway[GatewayAccountingAttribute] is System.Text.Json.Nodes.JsonValue accounting
             && accounting.TryGetValue<string>(out var owner)
             && owner == GatewayAccountingTelemetry);

    /// <summary>Attribute (under <c>gateway</c>) that says which source owns a gateway record's counts.</summary>
    public const string GatewayAccountingAttribute = "accounting";

    /// <summary>The value of <see cref="GatewayAccountingAttribute"/> that leaves counting to the agents' telemetry.</summary>
    public const string GatewayAccountingTelemetry = "telemetry";

    public static bool CountsAsTurn(RecordKind kind) => kind is RecordKind.UserPrompt or RecordKind.CloudTaskCreated;

    public static bool CountsAsMessage(RecordKind kind) => kind == RecordKind.UserPrompt;

    public static bool CountsAsToolCall(RecordKind kind) => kind == RecordKind.ToolResult;

    public static bool CountsAsError(ActivityRecord record) =>
        record.Kind is RecordKind.ApiError or RecordKind.CloudTaskFailed || !string.IsNullOrEmpty(record.Error);

    /// <summary>Whether the record carries usage that is billed (tokens, cost or credits).</summary>
    public static bool CarriesUsage(ActivityRecord record) =>
        !record.Usage.IsEmpty || record.CostUsd is not null || record.Credits is not null;
}
