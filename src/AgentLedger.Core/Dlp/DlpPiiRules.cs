namespace AgentLedger.Core.Dlp;

/// <summary>
/// The personal-data detectors, Presidio-style: a deliberately loose pattern, then a validator (check digits,
/// plausible ranges, separators used consistently) that carries the precision. Numbers must stand alone: a
/// digit run that continues past the match is part of something else (an id, a hash, a timestamp).
/// </summary>
public static class DlpPiiRules
{
    public static IEnumerable<DlpRule> Create(TimeSpan timeout)
    {
        yield return new DlpRule(DlpRuleIds.KoreanResidentNumber, DlpCategory.Pii, "[0-9]{6}-?[1-8][0-9]{6}", [],
            (text, start, length) => StandaloneNumber(text, start, length)
                                     && DlpChecks.IsKoreanResidentNumber(text.AsSpan(start, length).ToString().Replace("-", "", StringComparison.Ordinal)), timeout, requiresDigit: true);
        yield return new DlpRule(DlpRuleIds.UsSocialSecurityNumber, DlpCategory.Pii, "[0-9]{3}-[0-9]{2}-[0-9]{4}", [],
            (text, start, length) => StandaloneNumber(text, start, length) && DlpChecks.IsUsSocialSecurityNumber(text.AsSpan(start, length)), timeout, requiresDigit: true);
        yield return new DlpRule(DlpRuleIds.PaymentCard, DlpCategory.Pii, "[0-9]([ -]?[0-9]){12,18}", [],
            (text, start, length) => StandaloneNumber(text, start, length) && DlpNumberChecks.IsPaymentCard(text.AsSpan(start, length)), timeout, requiresDigit: true);
        yield return new DlpRule(DlpRuleIds.Iban, DlpCategory.Pii, "[A-Z]{2}[0-9]{2}( ?[A-Z0-9]{4}){2,7}( ?[A-Z0-9]{1,3})?", [],
            (text, start, length) => DlpChecks.Isolated(text, start, length, char.IsAsciiLetterOrDigit) && DlpNumberChecks.IsIban(text.AsSpan(start, length)), timeout, requiresDigit: true);
        yield return new DlpRule(DlpRuleIds.Email, DlpCategory.Pii,
            @"[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(\.[A-Za-z0-9-]{1,63})*\.[A-Za-z]{2,24}", ["@"], IsEmail, timeout);
        yield return new DlpRule(DlpRuleIds.PhoneNumber, DlpCategory.Pii, DlpNumberChecks.PhonePattern, [],
            (text, start, length) => DlpChecks.Isolated(text, start, length, c => char.IsAsciiLetterOrDigit(c) || c is '+' or '_')
                                     && StandaloneNumber(text, start, length) && DlpNumberChecks.IsPhoneNumber(text.AsSpan(start, length)), timeout, requiresDigit: true);
    }

    /// <summary>Not preceded or followed by a digit, directly or across one separator (<c>-</c>, space, <c>.</c>).</summary>
    private static bool StandaloneNumber(string text, int start, int length)
    {
        var end = start + length;
        var before = start > 0 && (char.IsAsciiDigit(text[start - 1])
                                   || (start > 1 && text[start - 1] is '-' or ' ' or '.' && char.IsAsciiDigit(text[start - 2])));
        var after = end < text.Length && (char.IsAsciiDigit(text[end])
                                          || (end + 1 < text.Length && text[end] is '-' or ' ' or '.' && char.IsAsciiDigit(text[end + 1])));
        return !before && !after;
    }

    private static bool IsEmail(string text, int start, int length)
    {
        var end = start + length;
        if ((start > 0 && (char.IsAsciiLetterOrDigit(text[start - 1]) || text[start - 1] is '.' or '_' or '%' or '+' or '-'))
            || (end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || text[end] is '-' or '_'))
            || (end + 1 < text.Length && text[end] == ':' && !char.IsWhiteSpace(text[end + 1])))
        {
            // Cut out of a longer token, or scp-style "git@host:path" (a host, not a mailbox); "a@b.org: text" is a mailbox.
            return false;
        }

        var value = text.AsSpan(start, length);
        var at = value.IndexOf('@');
        var local = value[..at];
        var domain = value[(at + 1)..];
        return local[0] != '.' && local[^1] != '.' && !local.Contains("..", StringComparison.Ordinal)
               && !domain.Contains(".-", StringComparison.Ordinal) && !domain.Contains("-.", StringComparison.Ordinal) && domain[0] != '-';
    }
}
