using System.Text.RegularExpressions;
using AgentLedger.Core.Records;

namespace AgentLedger.Server.Features.Integrations.GitHub;

/// <summary>
/// Reads the P0–P3 priority of an AI review comment from its body. Codex writes a shields.io badge image
/// (<c>![P1 Badge](https://img.shields.io/badge/P1-orange?style=flat)</c>); other bots lead with <c>[P1]</c>,
/// <c>**P1**</c> or <c>P1:</c>. A comment without a recognisable badge has no priority.
/// </summary>
public static partial class ReviewPriorityBadge
{
    public static ReviewPriority? Parse(string? body)
    {
        if (string.IsNullOrEmpty(body))
        {
            return null;
        }

        var match = Badge().Match(body);
        if (!match.Success)
        {
            match = Leading().Match(body);
        }

        return match.Success ? (ReviewPriority)(match.Groups["p"].Value[0] - '0') : null;
    }

    [GeneratedRegex(@"!\[P(?<p>[0-3])\b[^\]]*\]|img\.shields\.io/badge/P(?<p>[0-3])-", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, 100)]
    private static partial Regex Badge();

    [GeneratedRegex(@"^\s*(?:<sub>|\*\*|\[|\()*\s*P(?<p>[0-3])\s*(?:\]|\)|\*\*|:|\s-|\s)", RegexOptions.CultureInvariant, 100)]
    private static partial Regex Leading();
}
