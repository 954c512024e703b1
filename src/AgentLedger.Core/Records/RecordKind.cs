namespace AgentLedger.Core.Records;

/// <summary>What happened. Every source (OTLP, native events, webhooks, gateway) maps into one of these.</summary>
public enum RecordKind
{
    /// <summary>Something a source sent that no mapping understands; kept losslessly in attributes.</summary>
    Other = 0,
    SessionStarted,
    UserPrompt,
    ModelRequest,
    ModelResponse,
    ToolDecision,
    ToolResult,
    ApiError,
    CloudTaskCreated,
    CloudTaskCompleted,
    CloudTaskFailed,
    CodeReviewCompleted,
    ReviewComment,
    ReviewReply,
    ReviewReaction,

    /// <summary>The model asked the agent to run a tool (seen by the gateway in the model's response).</summary>
    ToolCall,
}
