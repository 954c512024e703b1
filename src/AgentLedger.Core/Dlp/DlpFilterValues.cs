namespace AgentLedger.Core.Dlp;

/// <summary>Validates the DLP values a client filters by (rule ids, categories, actions), with errors naming the field.</summary>
public static class DlpFilterValues
{
    public const int MaxValues = 100;

    public static IReadOnlyCollection<string> Rules => [.. DlpRuleIds.Secrets, .. DlpRuleIds.Pii];

    /// <summary>
    /// Splits commas, trims, drops duplicates and checks each value against <paramref name="allowed"/> (null: any
    /// non-empty value of at most 256 characters).
    /// </summary>
    public static bool TryParse(
        IEnumerable<string>? values, string field, IReadOnlyCollection<string>? allowed, out List<string> result, out string? error)
    {
        result = [];
        error = null;
        if (values is null)
        {
            return true;
        }

        foreach (var value in values.SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)))
        {
            if (allowed is not null ? !allowed.Contains(value) : value.Length > 256)
            {
                error = allowed is not null
                    ? $"{field}: '{value}' is not valid; one of: {string.Join(", ", allowed)}."
                    : $"{field}: a value is longer than 256 characters.";
                return false;
            }

            if (!result.Contains(value))
            {
                result.Add(value);
            }
        }

        if (result.Count > MaxValues)
        {
            error = $"{field} takes at most {MaxValues} values.";
            return false;
        }

        return true;
    }
}
