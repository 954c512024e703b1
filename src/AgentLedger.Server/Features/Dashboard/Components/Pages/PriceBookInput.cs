using System.Globalization;
using AgentLedger.Core.Metrics;
using AgentLedger.Server.Features.Pricing;

namespace AgentLedger.Server.Features.Dashboard.Components.Pages;

/// <summary>
/// The Price book page's form as posted. Every value arrives as text and is parsed here with the invariant culture, so
/// that a value that is not a number gets a message naming its field, like the API's validation does.
/// </summary>
public sealed class PriceBookInput
{
    /// <summary>Blank rows offered below the current entries, for new models.</summary>
    public const int BlankRows = 3;

    public string? EffectiveFrom { get; set; }

    public string? CreditsPerUsd { get; set; }

    public string? Note { get; set; }

    public List<PriceBookInputRow> Models { get; set; } = [];

    public static PriceBookInput From(PriceBookVersionView book) => new()
    {
        CreditsPerUsd = book.CreditsPerUsd.ToString(CultureInfo.InvariantCulture),
        Models =
        [
            .. book.Models.Select(m => new PriceBookInputRow
            {
                Model = m.Model, Match = m.Match, Aliases = string.Join(", ", m.Aliases ?? []),
                InputPerMillion = Text(m.InputPerMillion), CachedInputPerMillion = Text(m.CachedInputPerMillion),
                OutputPerMillion = Text(m.OutputPerMillion), ReasoningPerMillion = Text(m.ReasoningPerMillion),
            }),
            .. Enumerable.Range(0, BlankRows).Select(_ => new PriceBookInputRow()),
        ],
    };

    /// <summary>The API request this form stands for; rows left entirely blank are dropped. Parse errors go to <paramref name="errors"/>.</summary>
    public PriceBookRequest ToRequest(Dictionary<string, string[]> errors)
    {
        var rows = Models.Where(r => !r.IsBlank).ToList();
        var models = rows.Select((row, i) => new PriceBookModelBody(
            row.Model,
            string.IsNullOrWhiteSpace(row.Match) ? null : row.Match.Trim(),
            (row.Aliases ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList<string?>(),
            Number(row.InputPerMillion, $"models[{i}].{PriceBookField.InputPerMillion}", errors),
            Number(row.CachedInputPerMillion, $"models[{i}].{PriceBookField.CachedInputPerMillion}", errors),
            Number(row.OutputPerMillion, $"models[{i}].{PriceBookField.OutputPerMillion}", errors),
            Number(row.ReasoningPerMillion, $"models[{i}].{PriceBookField.ReasoningPerMillion}", errors))).ToList();
        DateTimeOffset? effective = null;
        if (!string.IsNullOrWhiteSpace(EffectiveFrom))
        {
            // datetime-local has no zone: the page says the time is UTC.
            if (DateTime.TryParse(EffectiveFrom, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at))
            {
                effective = new DateTimeOffset(at, TimeSpan.Zero);
            }
            else
            {
                errors[PriceBookService.EffectiveFromField] = [$"effective_from '{EffectiveFrom}' is not a date and time (UTC)."];
            }
        }

        return new PriceBookRequest(effective, Number(CreditsPerUsd, PriceBookField.CreditsPerUsd, errors), models, Note);
    }

    /// <summary>The row index of entry <paramref name="index"/> of the request (blank rows are skipped).</summary>
    public int RowOf(int index)
    {
        var seen = -1;
        for (var row = 0; row < Models.Count; row++)
        {
            if (!Models[row].IsBlank && ++seen == index)
            {
                return row;
            }
        }

        return -1;
    }

    private static decimal? Number(string? text, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (decimal.TryParse(text.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        errors[field] = [$"{field} '{text}' is not a number (use a dot for decimals)."];
        return null;
    }

    private static string? Text(decimal? value) => value?.ToString(CultureInfo.InvariantCulture);
}
