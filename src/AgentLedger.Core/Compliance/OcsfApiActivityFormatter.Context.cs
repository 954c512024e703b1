using System.Text.Json;
using AgentLedger.Core.Records;

namespace AgentLedger.Core.Compliance;

public static partial class OcsfApiActivityFormatter
{
    private static void WriteAiAgent(Utf8JsonWriter w, ActivityRecord r)
    {
        w.WriteStartObject("ai_agent");
        w.WriteString("name", WireNames.Of(r.Agent));
        w.WriteString("uid", WireNames.Of(r.ClientId));
        w.WriteStringIfNotNull("version", r.ClientVersion);
        // 1 Native: the coding agents report themselves; none is built on a framework OCSF lists.
        w.WriteNumber("type_id", 1);
        w.WriteString("type", "Native");
        if (r.Model is not null)
        {
            // The model sits behind the agent, so it goes in ai_agent.ai_model (ai_operation profile text).
            w.WriteStartObject("ai_model");
            w.WriteString("name", r.Model);
            w.WriteString("ai_provider", OcsfApiActivity.ProviderOf(r.Model, r.Agent));
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    private static void WriteMessageContext(Utf8JsonWriter w, ActivityRecord r)
    {
        var (roleId, roleName) = OcsfApiActivity.RoleOf(r.Kind);
        w.WriteStartObject("message_context");
        w.WriteString("uid", r.TurnId ?? r.Id);
        w.WriteNumber("ai_role_id", roleId);
        w.WriteString("ai_role", roleName);
        w.WriteStartObject("application");
        w.WriteString("name", WireNames.Of(r.Agent));
        w.WriteString("uid", WireNames.Of(r.ClientId));
        w.WriteStringIfNotNull("version", r.ClientVersion);
        w.WriteEndObject();
        w.WriteStringIfNotNull("prompt_text", r.PromptText);
        w.WriteStringIfNotNull("response_text", r.ResponseText);
        if (!r.Usage.IsEmpty)
        {
            w.WriteNumber("prompt_tokens", r.Usage.InputTokens);
            w.WriteNumber("completion_tokens", r.Usage.OutputTokens);
            w.WriteNumber("total_tokens", r.Usage.TotalTokens);
        }

        w.WriteEndObject();
    }

    /// <summary>What OCSF has no attribute for, by its AgentLedger name (Anthropic's mapping does the same).</summary>
    private static void WriteUnmapped(Utf8JsonWriter w, ActivityRecord r)
    {
        w.WriteStartObject("unmapped");
        w.WriteNumber("seq", r.Seq);
        w.WriteString("workspace_id", r.WorkspaceId);
        w.WriteString("kind", WireNames.Of(r.Kind));
        w.WriteString("source", WireNames.Of(r.Source));
        w.WriteString("surface", WireNames.Of(r.Surface));
        w.WriteString("client_id", WireNames.Of(r.ClientId));
        w.WriteStringIfNotNull("team", r.Team);
        w.WriteStringIfNotNull("turn_id", r.TurnId);
        w.WriteStringIfNotNull("status", r.Status);
        if (!r.Usage.IsEmpty)
        {
            w.WriteNumber("cached_input_tokens", r.Usage.CachedInputTokens);
            w.WriteNumber("reasoning_tokens", r.Usage.ReasoningTokens);
        }

        w.WriteNumberIfNotNull("cost_usd", CodexLogFormatter.Normalize(r.CostUsd));
        w.WriteNumberIfNotNull("credits", CodexLogFormatter.Normalize(r.Credits));
        w.WriteNumberIfNotNull("duration_ms", r.DurationMs);
        w.WriteStringIfNotNull("tool_name", r.ToolName);
        w.WriteStringIfNotNull("tool_input", r.ToolInput);
        w.WriteStringIfNotNull("tool_output", r.ToolOutput);
        if (r.Review is { } review)
        {
            w.WriteStartObject("review");
            w.WriteStringIfNotNull("repository", review.Repository);
            w.WriteNumberIfNotNull("pull_request", review.PullRequest);
            w.WriteStringIfNotNull("review_id", review.ReviewId);
            w.WriteStringIfNotNull("comment_id", review.CommentId);
            w.WriteStringIfNotNull("priority", review.Priority is { } p ? WireNames.Of(p) : null);
            w.WriteStringIfNotNull("reaction", review.Reaction is { } x ? WireNames.Of(x) : null);
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }
}
