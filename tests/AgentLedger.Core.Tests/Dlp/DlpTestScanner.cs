using AgentLedger.Core.Dlp;

namespace AgentLedger.Core.Tests.Dlp;

/// <summary>One scanner for the detector tests (it is thread-safe) and a readable view of what it found.</summary>
internal static class DlpTestScanner
{
    public static DlpScanner Instance { get; } = new(TimeSpan.FromSeconds(5));

    /// <summary>(rule id, matched text) of every finding in the text, in order.</summary>
    public static IReadOnlyList<(string Rule, string Value)> Find(string text) =>
        [.. Instance.Scan(text, DlpField.PromptText, static _ => true).Select(f => (f.RuleId, text.Substring(f.Start, f.Length)))];
}
