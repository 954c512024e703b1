using System.Collections.Frozen;

namespace AgentLedger.Core.Dlp;

/// <summary>Validators for the numeric personal-data rules: cards, IBANs and phone numbers.</summary>
public static class DlpNumberChecks
{
    /// <summary>
    /// Conservative phone formats only, so that ids, versions and dates do not match: international
    /// (<c>+</c>, country code, 8–15 digits in all), North American with separators (<c>(415) 555-2671</c>,
    /// <c>415-555-2671</c>, <c>415.555.2671</c>), and Korean with hyphens (<c>010-1234-5678</c>, <c>02-123-4567</c>).
    /// </summary>
    public const string PhonePattern =
        @"\+[1-9][0-9]{0,3}([ .-]?\(?[0-9]{1,5}\)?){1,5}|\([2-9][0-9]{2}\) ?[2-9][0-9]{2}-[0-9]{4}|[2-9][0-9]{2}([.-])[2-9][0-9]{2}[.-][0-9]{4}|0(1[016789]|2|[3-6][1-5])-[0-9]{3,4}-[0-9]{4}";

    /// <summary>IBAN lengths by country (ISO 13616 registry, the SEPA countries and other common ones).</summary>
    private static readonly FrozenDictionary<string, int> IbanLengths = new Dictionary<string, int>
    {
        ["AD"] = 24, ["AE"] = 23, ["AT"] = 20, ["BA"] = 20, ["BE"] = 16, ["BG"] = 22, ["BH"] = 22, ["BR"] = 29, ["CH"] = 21,
        ["CY"] = 28, ["CZ"] = 24, ["DE"] = 22, ["DK"] = 18, ["EE"] = 20, ["EG"] = 29, ["ES"] = 24, ["FI"] = 18, ["FO"] = 18,
        ["FR"] = 27, ["GB"] = 22, ["GE"] = 22, ["GI"] = 23, ["GL"] = 18, ["GR"] = 27, ["HR"] = 21, ["HU"] = 28, ["IE"] = 22,
        ["IL"] = 23, ["IS"] = 26, ["IT"] = 27, ["JO"] = 30, ["KW"] = 30, ["KZ"] = 20, ["LB"] = 28, ["LI"] = 21, ["LT"] = 20,
        ["LU"] = 20, ["LV"] = 21, ["MC"] = 27, ["MD"] = 24, ["ME"] = 22, ["MK"] = 19, ["MT"] = 31, ["MU"] = 30, ["NL"] = 18,
        ["NO"] = 15, ["PK"] = 24, ["PL"] = 28, ["PS"] = 29, ["PT"] = 25, ["QA"] = 29, ["RO"] = 24, ["RS"] = 22, ["SA"] = 24,
        ["SE"] = 24, ["SI"] = 19, ["SK"] = 24, ["SM"] = 27, ["TN"] = 24, ["TR"] = 26, ["UA"] = 29, ["VA"] = 22, ["XK"] = 20,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>
    /// 13–19 digits with a known issuer prefix (Visa 4, Mastercard 51–55 and 2221–2720, Amex 34/37, Diners 30/36/38,
    /// JCB 35, Discover/UnionPay 6), one separator style used throughout in card-like groups, and Luhn.
    /// </summary>
    public static bool IsPaymentCard(ReadOnlySpan<char> value)
    {
        Span<char> digits = stackalloc char[19];
        var count = 0;
        var separator = '\0';
        Span<int> groups = stackalloc int[19];
        var groupCount = 0;
        var run = 0;
        foreach (var c in value)
        {
            if (char.IsAsciiDigit(c))
            {
                digits[count++] = c;
                run++;
                continue;
            }

            if (separator != '\0' && c != separator)
            {
                return false;
            }

            separator = c;
            groups[groupCount++] = run;
            run = 0;
        }

        groups[groupCount++] = run;
        if (count is < 13 or > 19 || !KnownIssuer(digits[..count]) || !DlpChecks.PassesLuhn(digits[..count]))
        {
            return false;
        }

        return separator == '\0' || CardGrouping(groups[..groupCount]);
    }

    public static bool IsIban(ReadOnlySpan<char> value)
    {
        Span<char> compact = stackalloc char[value.Length];
        var n = 0;
        foreach (var c in value)
        {
            if (c != ' ')
            {
                compact[n++] = c;
            }
        }

        var country = compact[..2].ToString();
        return IbanLengths.TryGetValue(country, out var expected) && expected == n && DlpChecks.PassesIbanMod97(compact[..n]);
    }

    public static bool IsPhoneNumber(ReadOnlySpan<char> value)
    {
        var digits = 0;
        char? separator = null;
        foreach (var c in value)
        {
            if (char.IsAsciiDigit(c))
            {
                digits++;
            }
            else if (value[0] != '+' && c is '.' or '-')
            {
                // National formats use one separator style throughout (no "415-555.2671").
                if (separator is not null && separator != c)
                {
                    return false;
                }

                separator = c;
            }
        }

        return value[0] == '+' ? digits is >= 8 and <= 15 : digits >= 9;
    }

    private static bool KnownIssuer(ReadOnlySpan<char> d)
    {
        var two = ((d[0] - '0') * 10) + (d[1] - '0');
        var four = (two * 100) + ((d[2] - '0') * 10) + (d[3] - '0');
        return d[0] == '4' || d[0] == '6' || two is >= 51 and <= 55 || two is 34 or 37 or 30 or 36 or 38 or 35 || four is >= 2221 and <= 2720;
    }

    /// <summary>Groups as printed on cards and in forms: 4-4-4-4(-3), 4-4-4-1…4, 4-6-5 (Amex), 4-6-4 (Diners).</summary>
    private static bool CardGrouping(ReadOnlySpan<int> groups)
    {
        if (groups.Length == 3 && groups[0] == 4 && groups[1] == 6 && groups[2] is 4 or 5)
        {
            return true;
        }

        if (groups.Length is < 4 or > 5)
        {
            return false;
        }

        for (var i = 0; i < groups.Length - 1; i++)
        {
            if (groups[i] != 4)
            {
                return false;
            }
        }

        return groups[^1] is >= 1 and <= 4;
    }
}
