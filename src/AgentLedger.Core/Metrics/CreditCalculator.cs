using AgentLedger.Core.Records;

namespace AgentLedger.Core.Metrics;

/// <summary>Applies <see cref="MetricDefinitions.Credits"/>: fills cost and credits of a record from the price book.</summary>
public sealed class CreditCalculator(PriceBook priceBook)
{
    /// <summary>Money is kept to micro-units everywhere, so that sums of any window are exact.</summary>
    public const int MoneyDecimals = 6;

    private const decimal Million = 1_000_000m;

    public PriceBook PriceBook { get; } = priceBook;

    /// <summary>Returns the record with <see cref="ActivityRecord.CostUsd"/> and <see cref="ActivityRecord.Credits"/> filled where derivable.</summary>
    public ActivityRecord Apply(ActivityRecord record)
    {
        var cost = record.CostUsd ?? PriceTokens(record.Model, record.Usage);
        if (cost is null)
        {
            return record.Credits is null
                ? record
                : record with
                {
                    Credits = decimal.Round(record.Credits.Value, MoneyDecimals),
                    CostUsd = decimal.Round(record.Credits.Value / PriceBook.CreditsPerUsd, MoneyDecimals),
                };
        }

        // Credits derive from the rounded cost, so that cost and credits of a record always agree.
        var roundedCost = decimal.Round(cost.Value, MoneyDecimals);
        return record with
        {
            CostUsd = roundedCost,
            Credits = decimal.Round(record.Credits ?? roundedCost * PriceBook.CreditsPerUsd, MoneyDecimals),
        };
    }

    private decimal? PriceTokens(string? model, TokenUsage usage)
    {
        if (usage.IsEmpty)
        {
            return null;
        }

        var price = PriceBook.Find(model);
        if (price is null)
        {
            return null;
        }

        var cost = (usage.UncachedInputTokens * price.InputPerMillion
                    + usage.CachedInputTokens * price.CachedInputPerMillion
                    + usage.OutputTokens * price.OutputPerMillion) / Million;
        return decimal.Round(cost, MoneyDecimals);
    }
}
