using AgentLedger.Core.Metrics;

namespace AgentLedger.Server.Features.Pricing;

/// <summary>One model entry of a price book: USD rates per million tokens.</summary>
/// <param name="Model">The model id, e.g. <c>gpt-5-codex</c> (1 to 200 characters, unique in the book with the aliases, ignoring case).</param>
/// <param name="Match"><c>prefix</c> (default): also prices every model whose id starts with this one (dated snapshots such as <c>gpt-5-codex-2026-01-15</c>); <c>exact</c>: only this id. An exact match of an id or alias wins over any prefix; among prefixes the longest wins.</param>
/// <param name="Aliases">Other ids for the same model, matched the same way as <c>model</c>.</param>
/// <param name="InputPerMillion">USD per million uncached input tokens.</param>
/// <param name="CachedInputPerMillion">USD per million cached input tokens.</param>
/// <param name="OutputPerMillion">USD per million output tokens (reasoning tokens included unless <c>reasoning_per_million</c> is set).</param>
/// <param name="ReasoningPerMillion">USD per million reasoning tokens; omitted or null charges them at <c>output_per_million</c>.</param>
public sealed record PriceBookModelBody(
    string? Model,
    string? Match = null,
    IReadOnlyList<string?>? Aliases = null,
    decimal? InputPerMillion = null,
    decimal? CachedInputPerMillion = null,
    decimal? OutputPerMillion = null,
    decimal? ReasoningPerMillion = null)
{
    public static PriceBookModelBody From(ModelPrice p) => new(
        p.Model, p.Match == ModelMatch.Exact ? "exact" : "prefix", p.Aliases?.ToList<string?>() ?? [], p.InputPerMillion, p.CachedInputPerMillion,
        p.OutputPerMillion, p.ReasoningPerMillion);

    public ModelPriceDraft ToDraft() =>
        new(Model, InputPerMillion, CachedInputPerMillion, OutputPerMillion, ReasoningPerMillion, Match, Aliases);
}
