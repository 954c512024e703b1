namespace AgentLedger.Core.Metrics;

/// <summary>USD rates per million tokens for models whose name starts with <see cref="ModelPrefix"/>.</summary>
public sealed record ModelPrice(string ModelPrefix, decimal InputPerMillion, decimal CachedInputPerMillion, decimal OutputPerMillion);

/// <summary>
/// How cost becomes credits. Configurable per deployment (Pricing section); the defaults follow the list prices
/// the vendors publish and ChatGPT's 25 credits per USD. The longest matching model prefix wins.
/// </summary>
public sealed class PriceBook
{
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

    public PriceBook(decimal creditsPerUsd, IEnumerable<ModelPrice> prices)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(creditsPerUsd);
        CreditsPerUsd = creditsPerUsd;
        _prices = prices.OrderByDescending(p => p.ModelPrefix.Length).ToArray();
    }

    public decimal CreditsPerUsd { get; }

    public IReadOnlyList<ModelPrice> Prices => _prices;

    public ModelPrice? Find(string? model) =>
        model is null ? null : Array.Find(_prices, p => model.StartsWith(p.ModelPrefix, StringComparison.OrdinalIgnoreCase));
}
