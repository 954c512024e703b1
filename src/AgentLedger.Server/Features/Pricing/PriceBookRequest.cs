namespace AgentLedger.Server.Features.Pricing;

/// <summary>A new version of the workspace's price book: the whole book, in effect for usage from <c>effective_from</c> on.</summary>
/// <param name="EffectiveFrom">When the version starts to apply (to records by the time they occurred); default now. It may not be in the past: usage already priced keeps its credits.</param>
/// <param name="CreditsPerUsd">The credit unit: how many credits one USD of cost is (ChatGPT's is 25).</param>
/// <param name="Models">The model entries (1 to 500); models not listed are not priced while this version applies.</param>
/// <param name="Note">Why the prices changed (up to 500 characters), kept with the version and in the audit log.</param>
public sealed record PriceBookRequest(
    DateTimeOffset? EffectiveFrom = null, decimal? CreditsPerUsd = null, IReadOnlyList<PriceBookModelBody>? Models = null, string? Note = null);
