namespace AgentLedger.Core.Metrics;

/// <summary>
/// Checks a price book from configuration or the admin API and builds it. Every error names its field through the
/// caller's naming (<c>models[2].input_per_million</c> for the API, <c>PriceBook:Models:2:InputPerMillion</c> for
/// configuration), so the message points at what to fix.
/// </summary>
public static class PriceBookValidator
{
    public const int MaxModels = 500;
    public const int MaxAliases = 50;
    public const int MaxModelLength = 200;
    public const decimal MaxCreditsPerUsd = 1_000_000m;
    public const decimal MaxPricePerMillion = 100_000m;

    /// <summary>Names a field: <c>index</c> is the model entry's position, null for a book-level field.</summary>
    public delegate string FieldNamer(int? index, string field);

    public static bool TryBuild(
        decimal? creditsPerUsd, IReadOnlyList<ModelPriceDraft>? models, FieldNamer name, out PriceBook? book,
        out IReadOnlyList<KeyValuePair<string, string>> errors)
    {
        var found = new List<KeyValuePair<string, string>>();
        void Error(int? index, string field, string message) => found.Add(new(name(index, field), message));

        if (creditsPerUsd is not { } credits || credits <= 0 || credits > MaxCreditsPerUsd)
        {
            Error(null, PriceBookField.CreditsPerUsd, $"{name(null, PriceBookField.CreditsPerUsd)} must be a number above 0 and at most {MaxCreditsPerUsd}: how many credits one USD of cost is.");
        }

        models ??= [];
        if (models.Count is 0 or > MaxModels)
        {
            Error(null, PriceBookField.Models, $"{name(null, PriceBookField.Models)} needs between 1 and {MaxModels} model entries.");
        }

        var prices = new List<ModelPrice>(models.Count);
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < models.Count; i++)
        {
            var entry = models[i];
            var before = found.Count;
            var model = entry.Model?.Trim();
            if (string.IsNullOrEmpty(model) || model.Length > MaxModelLength)
            {
                Error(i, PriceBookField.Model, $"{name(i, PriceBookField.Model)} must be a model id of 1 to {MaxModelLength} characters.");
            }

            var match = ModelMatch.Prefix;
            if (entry.Match is { } m && !(Enum.TryParse(m, ignoreCase: true, out match) && Enum.IsDefined(match) && !int.TryParse(m, out _)))
            {
                Error(i, PriceBookField.Match, $"{name(i, PriceBookField.Match)} is '{m}'; it must be 'prefix' or 'exact'.");
            }

            var aliases = new List<string>();
            var rawAliases = entry.Aliases ?? [];
            if (rawAliases.Count > MaxAliases)
            {
                Error(i, PriceBookField.Aliases, $"{name(i, PriceBookField.Aliases)} has {rawAliases.Count} aliases; at most {MaxAliases} are allowed.");
            }

            foreach (var alias in rawAliases)
            {
                var trimmed = alias?.Trim();
                if (string.IsNullOrEmpty(trimmed) || trimmed.Length > MaxModelLength)
                {
                    Error(i, PriceBookField.Aliases, $"{name(i, PriceBookField.Aliases)} holds an empty or over-long alias; each is 1 to {MaxModelLength} characters.");
                    continue;
                }

                aliases.Add(trimmed);
            }

            foreach (var n in (string.IsNullOrEmpty(model) ? [] : new[] { model }).Concat(aliases))
            {
                if (!seen.TryAdd(n, i))
                {
                    Error(i, n == model ? PriceBookField.Model : PriceBookField.Aliases,
                        $"'{n}' is already named by {name(seen[n], PriceBookField.Model)}; each model id or alias may appear once.");
                }
            }

            var input = Rate(i, PriceBookField.InputPerMillion, entry.InputPerMillion, required: true);
            var cached = Rate(i, PriceBookField.CachedInputPerMillion, entry.CachedInputPerMillion, required: true);
            var output = Rate(i, PriceBookField.OutputPerMillion, entry.OutputPerMillion, required: true);
            decimal? reasoning = entry.ReasoningPerMillion is null ? null : Rate(i, PriceBookField.ReasoningPerMillion, entry.ReasoningPerMillion, required: false);
            if (found.Count == before)
            {
                prices.Add(new ModelPrice(model!, input, cached, output, reasoning, match, aliases.Count == 0 ? null : aliases));
            }
        }

        errors = found;
        book = found.Count == 0 ? new PriceBook(creditsPerUsd!.Value, prices) : null;
        return book is not null;

        decimal Rate(int index, string field, decimal? value, bool required)
        {
            if (value is null)
            {
                if (required)
                {
                    Error(index, field, $"{name(index, field)} is required: USD per million tokens.");
                }

                return 0m;
            }

            if (value < 0 || value > MaxPricePerMillion)
            {
                Error(index, field, $"{name(index, field)} is {value}; it must be between 0 and {MaxPricePerMillion} USD per million tokens.");
            }

            return value.Value;
        }
    }
}
