namespace AgentLedger.Core.Metrics;

/// <summary>
/// How cost becomes credits: per-model token rates and the credit unit (<see cref="CreditsPerUsd"/>). The server-wide
/// book comes from the <c>PriceBook</c> configuration section (these defaults when it names no models); a workspace can
/// have its own versions (<see cref="PriceBookVersion"/>). Model matching (docs/pricing.md): an exact match of an
/// entry's id or alias wins, whatever the entry's match mode; otherwise the longest matching prefix of a
/// <see cref="ModelMatch.Prefix"/> entry; otherwise the model is not priced.
/// </summary>
public sealed class PriceBook
{
    /// <summary>The shipped defaults: vendors' published list prices and ChatGPT's 25 credits per USD.</summary>
    public static readonly PriceBook Default = new(
        creditsPerUsd: 25m,
        [
            new("gpt-5-codex", 1.25m, 0.125m, 10m),
            new("gpt-5.1-codex-mini", 0.25m, 0.025m, 2m),
            new("gpt-5", 1.25m, 0.125m, 10m),
            new("o4-mini", 1.10m, 0.275m, 4.40m),
            new("claude-opus", 15m, 1.50m, 75m),
            new("claude-sonnet", 3m, 0.30m, 15m),
            new("claude-haiku", 1m, 0.10m, 5m),
            new("gemini-2.5-pro", 1.25m, 0.31m, 10m),
            new("gemini-2.5-flash", 0.30m, 0.075m, 2.50m),
            new("gemini-3", 2m, 0.20m, 12m),
        ]);

    private readonly ModelPrice[] _prices;
    private readonly Dictionary<string, ModelPrice> _exact = new(StringComparer.OrdinalIgnoreCase);
    private readonly (string Prefix, ModelPrice Price)[] _prefixes;

    public PriceBook(decimal creditsPerUsd, IEnumerable<ModelPrice> prices)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(creditsPerUsd);
        CreditsPerUsd = creditsPerUsd;
        _prices = prices.ToArray();
        foreach (var price in _prices)
        {
            foreach (var name in price.Names)
            {
                // First entry wins a duplicate name; validation refuses duplicates before a book is built from input.
                _exact.TryAdd(name, price);
            }
        }

        _prefixes = _prices.Where(p => p.Match == ModelMatch.Prefix)
            .SelectMany(p => p.Names.Select(n => (Prefix: n, Price: p)))
            .OrderByDescending(p => p.Prefix.Length)
            .ToArray();
    }

    /// <summary>The credit unit: how many credits one USD of cost is.</summary>
    public decimal CreditsPerUsd { get; }

    /// <summary>The entries in the order they were given.</summary>
    public IReadOnlyList<ModelPrice> Prices => _prices;

    public ModelPrice? Find(string? model)
    {
        if (string.IsNullOrEmpty(model))
        {
            return null;
        }

        if (_exact.TryGetValue(model, out var exact))
        {
            return exact;
        }

        foreach (var (prefix, price) in _prefixes)
        {
            if (model.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return price;
            }
        }

        return null;
    }
}
