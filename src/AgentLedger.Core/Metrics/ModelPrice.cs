namespace AgentLedger.Core.Metrics;

/// <summary>
/// USD rates per million tokens of one model (or model family, see <see cref="Match"/>). Input is the uncached part;
/// reasoning tokens, which the output count includes, are charged at <see cref="ReasoningPerMillion"/> when it is set
/// and at <see cref="OutputPerMillion"/> otherwise.
/// </summary>
/// <param name="Model">The model id the entry is for (matched ignoring case).</param>
/// <param name="Aliases">Other ids that mean the same model (a vendor's dated snapshot, a deployment name), matched the same way.</param>
public sealed record ModelPrice(
    string Model, decimal InputPerMillion, decimal CachedInputPerMillion, decimal OutputPerMillion, decimal? ReasoningPerMillion = null,
    ModelMatch Match = ModelMatch.Prefix, IReadOnlyList<string>? Aliases = null)
{
    /// <summary>The id and the aliases: every name this entry answers to.</summary>
    public IEnumerable<string> Names => Aliases is null ? [Model] : [Model, .. Aliases];

    /// <summary>The rate reasoning tokens are charged at.</summary>
    public decimal EffectiveReasoningPerMillion => ReasoningPerMillion ?? OutputPerMillion;
}
