using AgentLedger.Core.Records;

namespace AgentLedger.Core.Compliance;

/// <summary>
/// The <c>event_type</c> of a <c>CODEX_LOG</c> line for each record kind. <c>PROMPT_RESPONSE_RECEIVED</c> and
/// <c>TOOL_CALL_COMPLETED</c> are OpenAI's own values (an API error is OpenAI's <c>PROMPT_RESPONSE_RECEIVED</c> with
/// <c>status: "error"</c>); the others name what OpenAI's platform has no record of (prompts as submitted, tool
/// approvals, cloud tasks, code review) in the same style. Every record becomes exactly one line, so that a collector
/// sees each record once. Listed in docs/api/compliance.md.
/// </summary>
public static class CodexLogEventTypes
{
    public const string PromptResponseReceived = "PROMPT_RESPONSE_RECEIVED";
    public const string ToolCallCompleted = "TOOL_CALL_COMPLETED";

    public static string Of(RecordKind kind) => kind switch
    {
        RecordKind.SessionStarted => "SESSION_STARTED",
        RecordKind.UserPrompt => "PROMPT_SUBMITTED",
        RecordKind.ModelRequest => "MODEL_REQUEST_SENT",
        RecordKind.ModelResponse => PromptResponseReceived,
        RecordKind.ApiError => PromptResponseReceived,
        RecordKind.ToolDecision => "TOOL_CALL_DECIDED",
        RecordKind.ToolResult => ToolCallCompleted,
        RecordKind.ToolCall => "TOOL_CALL_REQUESTED",
        RecordKind.CloudTaskCreated => "CLOUD_TASK_CREATED",
        RecordKind.CloudTaskCompleted => "CLOUD_TASK_COMPLETED",
        RecordKind.CloudTaskFailed => "CLOUD_TASK_FAILED",
        RecordKind.CodeReviewCompleted => "CODE_REVIEW_COMPLETED",
        RecordKind.ReviewComment => "CODE_REVIEW_COMMENT_CREATED",
        RecordKind.ReviewReply => "CODE_REVIEW_REPLY_CREATED",
        RecordKind.ReviewReaction => "CODE_REVIEW_REACTION_ADDED",
        _ => "OTHER",
    };
}
