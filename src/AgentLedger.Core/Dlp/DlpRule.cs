using System.Buffers;
using System.Text.RegularExpressions;

namespace AgentLedger.Core.Dlp;

/// <summary>
/// One detector: a linear-time regex (<see cref="RegexOptions.NonBacktracking"/>, so a hostile prompt cannot make
/// it backtrack), an optional keyword prefilter (skip the regex when none occurs), the capture that holds the
/// value, and a check of each candidate (boundaries, check digits, entropy) that the regex cannot express.
/// </summary>
public sealed class DlpRule
{
    private const string ValueGroup = "v";

    private readonly Regex _pattern;
    private readonly SearchValues<string>? _keywords;
    private readonly Func<string, int, int, bool> _accept;
    private readonly bool _hasValueGroup;

    /// <param name="accept">Given the whole text, the value's start and length; false drops the candidate.</param>
    /// <param name="requiresDigit">True when every match holds an ASCII digit: text without one skips the regex.</param>
    public DlpRule(string id, DlpCategory category, string pattern, IReadOnlyList<string> keywords, Func<string, int, int, bool> accept, TimeSpan matchTimeout,
        bool requiresDigit = false)
    {
        Id = id;
        Category = category;
        Keywords = keywords;
        RequiresDigit = requiresDigit;
        _pattern = new Regex(pattern, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, matchTimeout);
        _hasValueGroup = _pattern.GroupNumberFromName(ValueGroup) >= 0;
        _keywords = keywords.Count == 0 ? null : SearchValues.Create([.. keywords], StringComparison.OrdinalIgnoreCase);
        _accept = accept;
    }

    public string Id { get; }

    public DlpCategory Category { get; }

    /// <summary>The prefilter: one of these (case-insensitive) occurs in any text the rule can match; empty when none.</summary>
    public IReadOnlyList<string> Keywords { get; }

    /// <summary>Every match holds an ASCII digit (the other prefilter, for rules without keywords).</summary>
    public bool RequiresDigit { get; }

    /// <summary>Adds the (start, length) of every accepted value in <paramref name="text"/>, left to right.</summary>
    /// <exception cref="RegexMatchTimeoutException">The match timeout ran out .</exception>
    public void FindAll(string text, List<(int Start, int Length)> into)
    {
        if (_keywords is not null && !text.AsSpan().ContainsAny(_keywords))
        {
            return;
        }

        var at = 0;
        while (at < text.Length)
        {
            var match = _pattern.Match(text, at);
            if (!match.Success)
            {
                return;
            }

            var value = _hasValueGroup ? match.Groups[ValueGroup] : match;
            if (value.Success && value.Length > 0 && _accept(text, value.Index, value.Length))
            {
                into.Add((value.Index, value.Length));
                at = Math.Max(match.Index + match.Length, match.Index + 1);
            }
            else
            {
                // A rejected candidate may hide an acceptable one that starts inside it.
                at = match.Index + 1;
            }
        }
    }
}
