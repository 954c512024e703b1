using AgentLedger.Core.Metrics;

namespace AgentLedger.Server.Features.Pricing;

/// <summary>
/// The server-wide price book (section <c>PriceBook</c>): the book every workspace without versions of its own is
/// priced by. With no <see cref="Models"/> configured, the shipped defaults (<see cref="PriceBook.Default"/>) apply.
/// </summary>
public sealed class PriceBookOptions
{
    public const string SectionName = "PriceBook";

    /// <summary>The credit unit: credits per USD of cost.</summary>
    public decimal CreditsPerUsd { get; set; } = PriceBook.Default.CreditsPerUsd;

    /// <summary>How often each instance reloads the workspace versions from the database (changes made on another instance).</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The model entries; empty keeps the shipped defaults.</summary>
    public List<ModelPriceOptions> Models { get; set; } = [];

    /// <summary>The book these options describe; only valid after <see cref="PriceBookOptionsValidator"/> passed.</summary>
    public PriceBook Build() =>
        Models.Count == 0 && CreditsPerUsd == PriceBook.Default.CreditsPerUsd
            ? PriceBook.Default
            : PriceBookOptionsValidator.TryBuild(this, out var book, out _)
                ? book!
                : throw new InvalidOperationException($"The {SectionName} section does not validate.");
}
