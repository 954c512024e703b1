namespace AgentLedger.Core.Dlp;

/// <summary>The content fields of an activity record that DLP scans.</summary>
public enum DlpField
{
    PromptText,
    ResponseText,
    ToolInput,
    ToolOutput,

    /// <summary>A string value in the record's attributes (secret rules only); the wire name adds its path.</summary>
    Attribute,
}
