using System.Net;
using System.Text.Json;
using AgentLedger.Core.Compliance;
using AgentLedger.Core.Records;

namespace AgentLedger.Core.Siem;

/// <summary>
/// Writes a record as an Elastic Common Schema document for a data stream: <c>@timestamp</c>, <c>event.*</c>
/// (<c>id</c> = record id, <c>action</c> = kind, <c>sequence</c> = seq), <c>user.*</c>, <c>source.ip</c>,
/// <c>user_agent.original</c>, ECS's <c>gen_ai.*</c> (model, token usage, operation) and the rest under
/// <c>agentledger.*</c>, which ECS reserves for no one.
/// </summary>
public static class EcsFormatter
{
    public const string EcsVersion = "9.2.0";

    public static void Write(Utf8JsonWriter w, ActivityRecord r, ProductInfo product)
    {
        var status = CodexLogFormatter.StatusOf(r);
        w.WriteStartObject();
        w.WriteString("@timestamp", ComplianceJson.Timestamp(r.OccurredAt));
        w.WriteStartObject("ecs");
        w.WriteString("version", EcsVersion);
        w.WriteEndObject();
        w.WriteStartObject("event");
        w.WriteString("id", r.Id);
        w.WriteString("kind", "event");
        w.WriteString("action", WireNames.Of(r.Kind));
        w.WriteString("dataset", "agentledger.records");
        w.WriteString("provider", product.Name);
        w.WriteNumber("sequence", r.Seq);
        w.WriteString("created", ComplianceJson.Timestamp(r.ReceivedAt));
        w.WriteStringIfNotNull("outcome", status switch { "error" => "failure", null => null, _ => "success" });
        w.WriteNumberIfNotNull("duration", r.DurationMs * 1_000_000);
        w.WriteEndObject();
        w.WriteStartObject("organization");
        w.WriteString("id", r.WorkspaceId);
        w.WriteEndObject();
        if (r.UserId is not null || r.Actor.Email is not null)
        {
            w.WriteStartObject("user");
            w.WriteStringIfNotNull("id", r.UserId);
            w.WriteStringIfNotNull("email", r.Actor.Email);
            w.WriteStringIfNotNull("name", r.Actor.DisplayName ?? r.Actor.Login);
            w.WriteEndObject();
        }

        if (r.ClientIp is { } ip && IPAddress.TryParse(ip, out _))
        {
            w.WriteStartObject("source");
            w.WriteString("ip", ip);
            w.WriteEndObject();
        }

        if (ComplianceJson.NonEmpty(r.UserAgent) is { } userAgent)
        {
            w.WriteStartObject("user_agent");
            w.WriteString("original", userAgent);
            w.WriteEndObject();
        }

        w.WriteStartObject("gen_ai");
        w.WriteStartObject("operation");
        w.WriteString("name", WireNames.Of(r.Kind));
        w.WriteEndObject();
        if (r.Model is not null)
        {
            w.WriteStartObject("request");
            w.WriteString("model", r.Model);
            w.WriteEndObject();
        }

        w.WriteStartObject("usage");
        w.WriteNumber("input_tokens", r.Usage.InputTokens);
        w.WriteNumber("output_tokens", r.Usage.OutputTokens);
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteStartObject("agentledger");
        w.WriteString("agent", WireNames.Of(r.Agent));
        w.WriteString("client_id", WireNames.Of(r.ClientId));
        w.WriteString("surface", WireNames.Of(r.Surface));
        w.WriteString("event_id", r.EventId);
        w.WriteStringIfNotNull("session_id", r.SessionId);
        w.WriteStringIfNotNull("turn_id", r.TurnId);
        w.WriteStringIfNotNull("error", r.Error);
        w.WriteStringIfNotNull("prompt_text", r.PromptText);
        w.WriteStringIfNotNull("response_text", r.ResponseText);
        w.WriteStringIfNotNull("tool_name", r.ToolName);
        w.WriteStringIfNotNull("tool_input", r.ToolInput);
        w.WriteStringIfNotNull("tool_output", r.ToolOutput);
        w.WriteEndObject();
        w.WriteEndObject();
    }
}
