namespace AgentLedger.Server.Features.Pricing;

/// <summary>One <c>PriceBook:Models:N</c> entry: USD per million tokens for a model id (and its aliases).</summary>
public sealed class ModelPriceOptions
{
    public string? Model { get; set; }

    /// <summary><c>Prefix</c> (default) or <c>Exact</c>.</summary>
    public string? Match { get; set; }

    public List<string?> Aliases { get; set; } = [];

    public decimal? InputPerMillion { get; set; }

    public decimal? CachedInputPerMillion { get; set; }

    public decimal? OutputPerMillion { get; set; }

    /// <summary>Reasoning tokens' rate; unset charges them at <see cref="OutputPerMillion"/>.</summary>
    public decimal? ReasoningPerMillion { get; set; }
}
