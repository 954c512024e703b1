namespace AgentLedger.Core.Dlp;

/// <summary>The content fields of an activity record that DLP scans.</summary>
public enum DlpField
{
    PromptText,
    ResponseText,
    ToolInput,
    ToolOutput,
}
