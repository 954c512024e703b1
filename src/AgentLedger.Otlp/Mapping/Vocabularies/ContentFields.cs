namespace AgentLedger.Otlp.Mapping.Vocabularies;

/// <summary>Names of the record's content fields, as recorded in the attributes for each lifted attribute.</summary>
internal static class ContentFields
{
    public const string PromptText = "prompt_text";
    public const string ResponseText = "response_text";
    public const string ToolInput = "tool_input";
    public const string ToolOutput = "tool_output";
}
