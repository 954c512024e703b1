namespace AgentLedger.Core.Dlp;

/// <summary>
/// Validation that a regex cannot express: check digits, entropy, and ASCII-only token boundaries. .NET's
/// <c>\b</c> and <c>\w</c> treat Hangul and other CJK letters as word characters, so <c>키AKIA…</c> would not match;
/// these checks look only at ASCII neighbours, as RE2-based scanners (gitleaks) do.
/// </summary>
public static class DlpChecks
{
    public static bool IsAsciiWord(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    public static bool IsTokenChar(char c) => IsAsciiWord(c) || c == '-';

    /// <summary>True when neither the character before nor the one after the span belongs to the token.</summary>
    public static bool Isolated(string text, int start, int length, Func<char, bool> belongs)
    {
        var end = start + length;
        return (start == 0 || !belongs(text[start - 1])) && (end == text.Length || !belongs(text[end]));
    }

    /// <summary>Shannon entropy in bits per character of the span.</summary>
    public static double Entropy(ReadOnlySpan<char> value)
    {
        if (value.IsEmpty)
        {
            return 0;
        }

        Span<int> ascii = stackalloc int[128];
        ascii.Clear();
        Dictionary<char, int>? other = null;
        foreach (var c in value)
        {
            if (c < 128)
            {
                ascii[c]++;
            }
            else
            {
                other ??= [];
                other[c] = other.GetValueOrDefault(c) + 1;
            }
        }

        double entropy = 0;
        foreach (var count in ascii)
        {
            entropy -= Term(count, value.Length);
        }

        if (other is not null)
        {
            foreach (var count in other.Values)
            {
                entropy -= Term(count, value.Length);
            }
        }

        return entropy;

        static double Term(int count, int total)
        {
            if (count == 0)
            {
                return 0;
            }

            var p = (double)count / total;
            return p * Math.Log2(p);
        }
    }

    /// <summary>The Luhn (mod 10) check over the ASCII digits of the span; other characters are skipped.</summary>
    public static bool PassesLuhn(ReadOnlySpan<char> number)
    {
        var sum = 0;
        var digits = 0;
        for (var i = number.Length - 1; i >= 0; i--)
        {
            if (!char.IsAsciiDigit(number[i]))
            {
                continue;
            }

            var d = number[i] - '0';
            if (digits % 2 == 1)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
            digits++;
        }

        return digits > 0 && sum % 10 == 0;
    }

    /// <summary>ISO 13616 check: move the first four characters to the end, letters become 10–35, the number mod 97 is 1.</summary>
    public static bool PassesIbanMod97(ReadOnlySpan<char> compactIban)
    {
        if (compactIban.Length < 5)
        {
            return false;
        }

        var remainder = 0;
        for (var i = 0; i < compactIban.Length; i++)
        {
            var c = compactIban[(i + 4) % compactIban.Length];
            if (char.IsAsciiDigit(c))
            {
                remainder = ((remainder * 10) + (c - '0')) % 97;
            }
            else if (char.IsAsciiLetterUpper(c))
            {
                remainder = ((remainder * 100) + (c - 'A' + 10)) % 97;
            }
            else
            {
                return false;
            }
        }

        return remainder == 1;
    }

    /// <summary>
    /// Korean resident registration number (13 digits, no separator): a plausible YYMMDD birth date, a
    /// century/sex digit 1–8, and the check digit (11 − Σ dᵢ·wᵢ mod 11) mod 10 with weights 2…9,2…5.
    /// Numbers issued since October 2020 no longer carry a check digit; requiring it keeps the rule precise.
    /// </summary>
    public static bool IsKoreanResidentNumber(ReadOnlySpan<char> digits)
    {
        if (digits.Length != 13)
        {
            return false;
        }

        foreach (var c in digits)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        var month = ((digits[2] - '0') * 10) + (digits[3] - '0');
        var day = ((digits[4] - '0') * 10) + (digits[5] - '0');
        if (month is < 1 or > 12 || day is < 1 or > 31 || digits[6] is < '1' or > '8')
        {
            return false;
        }

        ReadOnlySpan<int> weights = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5];
        var sum = 0;
        for (var i = 0; i < 12; i++)
        {
            sum += (digits[i] - '0') * weights[i];
        }

        return (11 - (sum % 11)) % 10 == digits[12] - '0';
    }

    /// <summary>
    /// US SSN <c>AAA-GG-SSSS</c> outside the never-issued ranges: area 000, 666 and 900–999, group 00, serial
    /// 0000, and the numbers known from advertising and documentation (078-05-1120, 219-09-9999, 123-45-6789).
    /// </summary>
    public static bool IsUsSocialSecurityNumber(ReadOnlySpan<char> value)
    {
        if (value.Length != 11 || value[3] != '-' || value[6] != '-')
        {
            return false;
        }

        var area = int.Parse(value[..3], provider: System.Globalization.CultureInfo.InvariantCulture);
        var group = int.Parse(value[4..6], provider: System.Globalization.CultureInfo.InvariantCulture);
        var serial = int.Parse(value[7..], provider: System.Globalization.CultureInfo.InvariantCulture);
        if (area == 0 || area == 666 || area >= 900 || group == 0 || serial == 0)
        {
            return false;
        }

        return !value.SequenceEqual("078-05-1120") && !value.SequenceEqual("219-09-9999") && !value.SequenceEqual("123-45-6789");
    }
}
