using AgentLedger.Core.Records;

namespace AgentLedger.Core.Metrics;

/// <summary>
/// Applies <see cref="MetricDefinitions.Credits"/>: fills cost and credits of a record from the price book in effect for
/// its workspace at the time it occurred. A cost or credits figure the agent reported is kept.
/// </summary>
public sealed class CreditCalculator(IPriceBookResolver books)
{
    /// <summary>Money is kept to micro-units everywhere, so that sums of any window are exact.</summary>
    public const int MoneyDecimals = 6;

    private const decimal Million = 1_000_000m;

    /// <summary>One book for every workspace and time.</summary>
    public CreditCalculator(PriceBook priceBook)
        : this(new FixedPriceBook(priceBook))
    {
    }

    /// <summary>Returns the record with <see cref="ActivityRecord.CostUsd"/> and <see cref="ActivityRecord.Credits"/> filled where derivable.</summary>
    public ActivityRecord Apply(ActivityRecord record)
    {
        if (record.CostUsd is null && record.Credits is null && record.Usage.IsEmpty)
        {
            // Nothing to price (most records: prompts, tool calls, sessions); skip the book lookup.
            return record;
        }

        var book = books.Resolve(record.WorkspaceId, record.OccurredAt);
        var cost = record.CostUsd ?? PriceTokens(book, record.Model, record.Usage);
        if (cost is null)
        {
            return record.Credits is null
                ? record
                : record with
                {
                    Credits = decimal.Round(record.Credits.Value, MoneyDecimals),
                    CostUsd = decimal.Round(record.Credits.Value / book.CreditsPerUsd, MoneyDecimals),
                };
        }

        // Credits derive from the rounded cost, so that cost and credits of a record always agree.
        var roundedCost = decimal.Round(cost.Value, MoneyDecimals);
        return record with
        {
            CostUsd = roundedCost,
            Credits = decimal.Round(record.Credits ?? roundedCost * book.CreditsPerUsd, MoneyDecimals),
        };
    }

    /// <summary>The USD cost of <paramref name="usage"/> under <paramref name="book"/>; null when the model is not priced.</summary>
    public static decimal? PriceTokens(PriceBook book, string? model, TokenUsage usage)
    {
        if (usage.IsEmpty)
        {
            return null;
        }

        var price = book.Find(model);
        if (price is null)
        {
            return null;
        }

        // Output includes reasoning (TokenUsage); the reasoning part is charged at its own rate when the book has one.
        var reasoning = Math.Min(usage.ReasoningTokens, usage.OutputTokens);
        var cost = (usage.UncachedInputTokens * price.InputPerMillion
                    + usage.CachedInputTokens * price.CachedInputPerMillion
                    + (usage.OutputTokens - reasoning) * price.OutputPerMillion
                    + reasoning * price.EffectiveReasoningPerMillion) / Million;
        return decimal.Round(cost, MoneyDecimals);
    }
}
