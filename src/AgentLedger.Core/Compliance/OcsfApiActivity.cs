using AgentLedger.Core.Records;

namespace AgentLedger.Core.Compliance;

/// <summary>
/// The OCSF 1.9.0 classification of a record: class API Activity (6003, category 6 Application Activity), with the
/// activity a record kind is. Prompts, responses, sessions, reviews and created cloud tasks create something (1 Create);
/// a cloud task's completion or failure updates it (3 Update); tool decisions and results, which API Activity has no
/// activity for, are 99 Other with the kind as <c>activity_name</c>, as the schema asks for 99.
/// See ../shared/reference/compliance-siem.md §1a.
/// </summary>
public static class OcsfApiActivity
{
    public const string SchemaVersion = "1.9.0";
    public const int CategoryUid = 6;
    public const string CategoryName = "Application Activity";
    public const int ClassUid = 6003;
    public const string ClassName = "API Activity";
    public const int SeverityInformational = 1;

    public static (int Id, string Name) ActivityOf(RecordKind kind) => kind switch
    {
        RecordKind.CloudTaskCompleted or RecordKind.CloudTaskFailed => (3, "Update"),
        RecordKind.ToolDecision => (99, "Tool Decision"),
        RecordKind.ToolResult => (99, "Tool Result"),
        RecordKind.ToolCall => (99, "Tool Call"),
        RecordKind.Other => (99, "Other Activity"),
        _ => (1, "Create"),
    };

    /// <summary><c>type_uid</c> = <c>class_uid</c> × 100 + <c>activity_id</c>, as OCSF requires producers to compute it.</summary>
    public static long TypeUid(int activityId) => (ClassUid * 100L) + activityId;

    /// <summary>message_context.ai_role_id: who produced the content (1 User, 2 Assistant, 3 Tool, 4 Agent).</summary>
    public static (int Id, string Name) RoleOf(RecordKind kind) => kind switch
    {
        RecordKind.UserPrompt => (1, "User"),
        RecordKind.ModelResponse or RecordKind.ModelRequest or RecordKind.ApiError or RecordKind.ToolCall => (2, "Assistant"),
        RecordKind.ToolDecision or RecordKind.ToolResult => (3, "Tool"),
        _ => (4, "Agent"),
    };

    /// <summary>ai_model.ai_provider (required by OCSF): from the model's family, else from the agent.</summary>
    public static string ProviderOf(string model, Agent agent)
    {
        var m = model.ToLowerInvariant();
        if (m.StartsWith("gpt", StringComparison.Ordinal) || m.StartsWith("o1", StringComparison.Ordinal)
            || m.StartsWith("o3", StringComparison.Ordinal) || m.StartsWith("o4", StringComparison.Ordinal) || m.Contains("codex", StringComparison.Ordinal))
        {
            return "OpenAI";
        }

        if (m.StartsWith("claude", StringComparison.Ordinal))
        {
            return "Anthropic";
        }

        if (m.StartsWith("gemini", StringComparison.Ordinal))
        {
            return "Google";
        }

        return agent switch
        {
            Agent.Codex => "OpenAI",
            Agent.ClaudeCode => "Anthropic",
            Agent.GeminiCli => "Google",
            Agent.GitHubCopilot => "GitHub",
            Agent.Cursor => "Cursor",
            _ => "Unknown",
        };
    }

    /// <summary>Whether the record carries conversation content or token counts, i.e. gets a message_context.</summary>
    public static bool HasMessage(ActivityRecord r) =>
        r.PromptText is not null || r.ResponseText is not null || !r.Usage.IsEmpty
        || r.Kind is RecordKind.UserPrompt or RecordKind.ModelRequest or RecordKind.ModelResponse or RecordKind.ApiError;
}
