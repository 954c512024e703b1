namespace AgentLedger.Core.Metrics;

/// <summary>The fields of a price book, by their API (snake_case) names; configuration spells them in PascalCase.</summary>
public static class PriceBookField
{
    public const string CreditsPerUsd = "credits_per_usd";
    public const string Models = "models";
    public const string Model = "model";
    public const string Match = "match";
    public const string Aliases = "aliases";
    public const string InputPerMillion = "input_per_million";
    public const string CachedInputPerMillion = "cached_input_per_million";
    public const string OutputPerMillion = "output_per_million";
    public const string ReasoningPerMillion = "reasoning_per_million";
}
