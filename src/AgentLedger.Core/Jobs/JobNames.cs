using System.Text.RegularExpressions;

namespace AgentLedger.Core.Jobs;

/// <summary>Rules for job names, which become lock keys (and, on SQLite, lock file names).</summary>
public static partial class JobNames
{
    public const string Rule = "1 to 64 characters: lower-case letters, digits, '.', '-' and '_', starting with a letter or digit";

    public static bool IsValid(string? name) => name is not null && Pattern().IsMatch(name);

    /// <summary>Throws <see cref="ArgumentException"/> naming the rule when <paramref name="name"/> breaks it.</summary>
    public static void Validate(string name)
    {
        if (!IsValid(name))
        {
            throw new ArgumentException($"Job name '{name}' is invalid: {Rule}.", nameof(name));
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,63}$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex Pattern();
}
