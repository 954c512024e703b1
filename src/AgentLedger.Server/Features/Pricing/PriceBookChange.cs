using AgentLedger.Core.Metrics;

namespace AgentLedger.Server.Features.Pricing;

/// <summary>The outcome of adding a price book version: the stored version, or the errors by field (nothing stored).</summary>
public sealed record PriceBookChange(PriceBookVersion? Added, IReadOnlyDictionary<string, string[]> Errors);
