using System.Text.RegularExpressions;

namespace AgentLedger.Core.Gateway;

/// <summary>
/// Tells what the user typed from what the agent injected into the user's turn. The agents wrap their context in
/// one XML-like element per text part: Codex <c>&lt;environment_context&gt;</c>, Claude Code
/// <c>&lt;system-reminder&gt;</c>, Gemini CLI <c>&lt;session_context&gt;</c> (seen in the real captures); Codex also
/// sends <c>AGENTS.md</c> as a user part starting <c># AGENTS.md instructions</c>.
/// </summary>
public static partial class AgentInjectedContext
{
    /// <summary>The text without injected context, or null when nothing the user typed is left.</summary>
    public static string? UserText(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var stripped = Reminder().Replace(text, "").Trim();
        if (stripped.Length == 0 || stripped.StartsWith("# AGENTS.md instructions", StringComparison.Ordinal))
        {
            return null;
        }

        var wrapped = Wrapped().Match(stripped);
        return wrapped.Success ? null : stripped;
    }

    [GeneratedRegex(@"<system-reminder>.*?</system-reminder>", RegexOptions.Singleline)]
    private static partial Regex Reminder();

    [GeneratedRegex(@"^<([A-Za-z_][\w\-]*)(\s[^>]*)?>.*</\1>$", RegexOptions.Singleline)]
    private static partial Regex Wrapped();
}
