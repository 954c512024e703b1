namespace AgentLedger.Core.Metrics;

/// <summary>An unvalidated price book entry, as configuration or the admin API give it (<see cref="PriceBookValidator"/>).</summary>
public sealed record ModelPriceDraft(
    string? Model, decimal? InputPerMillion, decimal? CachedInputPerMillion, decimal? OutputPerMillion, decimal? ReasoningPerMillion,
    string? Match, IReadOnlyList<string?>? Aliases);
