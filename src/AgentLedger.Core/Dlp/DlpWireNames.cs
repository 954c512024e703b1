namespace AgentLedger.Core.Dlp;

/// <summary>The names DLP findings use in stored JSON (<c>Attributes["dlp_findings"]</c>) and in the API.</summary>
public static class DlpWireNames
{
    /// <summary>The attribute that carries a record's findings, a JSON array; see docs/dlp.md.</summary>
    public const string FindingsAttribute = "dlp_findings";

    /// <summary>The hash of the finding's value in stored JSON and in the API (HMAC-SHA256, see <see cref="DlpHasher"/>).</summary>
    public const string HashProperty = "hmac_sha256";

    public static readonly IReadOnlyList<string> Categories = ["secret", "pii"];

    public static readonly IReadOnlyList<string> Actions = ["flag", "redact"];

    public static string Of(DlpField field) => field switch
    {
        DlpField.PromptText => "prompt_text",
        DlpField.ResponseText => "response_text",
        DlpField.ToolInput => "tool_input",
        DlpField.ToolOutput => "tool_output",
        DlpField.Attribute => "attributes",
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, null),
    };

    public static string Of(DlpCategory category) => category switch
    {
        DlpCategory.Secret => "secret",
        DlpCategory.Pii => "pii",
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, null),
    };

    public static string Of(DlpAction action) => action switch
    {
        DlpAction.Off => "off",
        DlpAction.Flag => "flag",
        DlpAction.Redact => "redact",
        DlpAction.Block => "block",
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };
}
