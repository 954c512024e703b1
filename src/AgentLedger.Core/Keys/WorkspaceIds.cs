using System.Text.RegularExpressions;

namespace AgentLedger.Core.Keys;

/// <summary>Rules for workspace ids, which appear in URLs and file names.</summary>
public static partial class WorkspaceIds
{
    public const string Rule = "1 to 64 characters: lower-case letters, digits, '-' and '_', starting with a letter or digit";

    public static bool IsValid(string? id) => id is not null && Pattern().IsMatch(id);

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,63}$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex Pattern();
}
