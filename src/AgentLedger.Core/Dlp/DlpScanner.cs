using System.Buffers;
using System.Text.RegularExpressions;
using AgentLedger.Core.Records;

namespace AgentLedger.Core.Dlp;

/// <summary>
/// Runs the rules over text. Where findings overlap, the rule listed earlier wins (secrets before PII, specific
/// before generic), so every character belongs to at most one finding and redaction is unambiguous. Thread-safe.
/// </summary>
public sealed class DlpScanner
{
    private readonly Action<DlpRule, DlpField>? _timedOut;

    /// <param name="matchTimeout">The most one rule may spend on one field (the regex engine's own guard).</param>
    /// <param name="timedOut">Told, never with the text, when a rule's match timeout ran out.</param>
    public DlpScanner(TimeSpan matchTimeout, Action<DlpRule, DlpField>? timedOut = null)
    {
        Rules = [.. DlpSecretRules.Create(matchTimeout), .. DlpPiiRules.Create(matchTimeout)];
        _timedOut = timedOut;
        _anyKeyword = SearchValues.Create([.. Rules.SelectMany(r => r.Keywords).Distinct(StringComparer.OrdinalIgnoreCase)], StringComparison.OrdinalIgnoreCase);
        _secretsAllHaveKeywords = Rules.Where(r => r.Category == DlpCategory.Secret).All(r => r.Keywords.Count > 0);
        _allPrefiltered = Rules.All(r => r.Keywords.Count > 0 || r.RequiresDigit);
    }

    // Every rule has a prefilter (keywords, or a digit). Checked once per text for all rules, these skip most texts with
    // one vectorised pass each instead of one pass per rule, and without asking the caller's policy about every rule.
    private readonly SearchValues<string> _anyKeyword;
    private readonly bool _secretsAllHaveKeywords;
    private readonly bool _allPrefiltered;

    /// <summary>
    /// False when no secret rule can match <paramref name="text"/> (it holds none of their keywords): a cheap test for
    /// the many short attribute values of a record.
    /// </summary>
    public bool MaySecretMatch(string? text) =>
        !string.IsNullOrEmpty(text) && (!_secretsAllHaveKeywords || text.AsSpan().ContainsAny(_anyKeyword));

    /// <summary>All rules in priority order.</summary>
    public IReadOnlyList<DlpRule> Rules { get; }

    /// <summary>Every rule over the record's four content fields, in field order.</summary>
    public IReadOnlyList<DlpFinding> Scan(ActivityRecord record) => Scan(record, static _ => true);

    public IReadOnlyList<DlpFinding> Scan(ActivityRecord record, Func<DlpRule, bool> runs)
    {
        List<DlpFinding> all = [];
        all.AddRange(Scan(record.PromptText, DlpField.PromptText, runs));
        all.AddRange(Scan(record.ResponseText, DlpField.ResponseText, runs));
        all.AddRange(Scan(record.ToolInput, DlpField.ToolInput, runs));
        all.AddRange(Scan(record.ToolOutput, DlpField.ToolOutput, runs));
        return all;
    }

    /// <summary>
    /// The findings of the rules for which <paramref name="runs"/> is true, sorted by start. A rule that exceeds its
    /// match timeout fails closed: it reports one finding that covers the whole field, so a redact policy still
    /// keeps whatever it might have matched out of storage.
    /// </summary>
    public IReadOnlyList<DlpFinding> Scan(string? text, DlpField field, Func<DlpRule, bool> runs)
    {
        if (string.IsNullOrEmpty(text))
        {
            return [];
        }

        var hasKeyword = text.AsSpan().ContainsAny(_anyKeyword);
        var hasDigit = text.AsSpan().ContainsAnyInRange('0', '9');
        if (_allPrefiltered && !hasKeyword && !hasDigit)
        {
            return [];
        }

        List<(int Start, int Length, DlpRule Rule)> kept = [];
        List<(int Start, int Length)> candidates = [];
        foreach (var rule in Rules)
        {
            if ((rule.Keywords.Count > 0 && !hasKeyword) || (rule.RequiresDigit && !hasDigit) || !runs(rule))
            {
                continue;
            }

            candidates.Clear();
            try
            {
                rule.FindAll(text, candidates);
            }
            catch (RegexMatchTimeoutException)
            {
                _timedOut?.Invoke(rule, field);
                kept.Clear();
                kept.Add((0, text.Length, rule));
                break;
            }

            foreach (var (start, length) in candidates)
            {
                if (!Overlaps(kept, start, length))
                {
                    kept.Add((start, length, rule));
                }
            }
        }

        kept.Sort(static (a, b) => a.Start.CompareTo(b.Start));
        var findings = new DlpFinding[kept.Count];
        for (var i = 0; i < findings.Length; i++)
        {
            var (start, length, rule) = kept[i];
            findings[i] = new DlpFinding(rule.Id, rule.Category, field, start, length);
        }

        return findings;
    }

    private static bool Overlaps(List<(int Start, int Length, DlpRule Rule)> kept, int start, int length)
    {
        foreach (var k in kept)
        {
            if (start < k.Start + k.Length && k.Start < start + length)
            {
                return true;
            }
        }

        return false;
    }
}
