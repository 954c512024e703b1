using AgentLedger.Core.Dlp;

namespace AgentLedger.Load;

/// <summary>
/// The prompts people typed in the real captures (the <c>prompt</c> attribute of the agents' user-prompt events),
/// the text the gateway traffic sends. Prompts in which DLP finds a secret are left out: the default policy blocks
/// them before the upstream, and a refusal is a different measurement from a model call.
/// </summary>
internal static class GatewayPrompts
{
    public static IReadOnlyList<string> From(IReadOnlyList<LogTemplate> templates)
    {
        var scanner = new DlpScanner(TimeSpan.FromSeconds(1));
        var prompts = templates
            .SelectMany(t => t.Records)
            .SelectMany(r => r.Attributes)
            .Where(a => a.Key == "prompt" && a.Value?.StringValue is { Length: > 0 } text && text != "<REDACTED>")
            .Select(a => a.Value.StringValue.Trim())
            .Distinct(StringComparer.Ordinal)
            .Where(text => scanner.Scan(text, DlpField.PromptText, rule => rule.Category == DlpCategory.Secret).Count == 0)
            .Order(StringComparer.Ordinal)
            .ToList();
        return prompts.Count > 0 ? prompts : throw new InvalidOperationException($"No prompt text in the captures under {CaptureTemplates.Folder}.");
    }
}
