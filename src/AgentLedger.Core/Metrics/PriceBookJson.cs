using System.Text.Json.Nodes;

namespace AgentLedger.Core.Metrics;

/// <summary>
/// The stored form of a price book (both engines keep it as this JSON text): <c>credits_per_usd</c> and
/// <c>models[]</c> with the API's field names. Decimals are written as JSON numbers and read back exactly.
/// </summary>
public static class PriceBookJson
{
    public static JsonObject ToJson(PriceBook book) => new()
    {
        [PriceBookField.CreditsPerUsd] = book.CreditsPerUsd,
        [PriceBookField.Models] = new JsonArray(book.Prices.Select(p => (JsonNode)new JsonObject
        {
            [PriceBookField.Model] = p.Model,
            [PriceBookField.Match] = p.Match == ModelMatch.Exact ? "exact" : "prefix",
            [PriceBookField.Aliases] = new JsonArray((p.Aliases ?? []).Select(a => (JsonNode?)JsonValue.Create(a)).ToArray()),
            [PriceBookField.InputPerMillion] = p.InputPerMillion,
            [PriceBookField.CachedInputPerMillion] = p.CachedInputPerMillion,
            [PriceBookField.OutputPerMillion] = p.OutputPerMillion,
            [PriceBookField.ReasoningPerMillion] = p.ReasoningPerMillion,
        }).ToArray()),
    };

    public static string Serialize(PriceBook book) => ToJson(book).ToJsonString();

    /// <summary>Reads a stored book; a document that does not validate is a corrupt row, not user input.</summary>
    public static PriceBook Deserialize(string json)
    {
        var root = JsonNode.Parse(json)?.AsObject() ?? throw new InvalidDataException("A stored price book is not a JSON object.");
        var models = (root[PriceBookField.Models]?.AsArray() ?? []).Select(n => n!.AsObject()).Select(m => new ModelPriceDraft(
            (string?)m[PriceBookField.Model],
            (decimal?)m[PriceBookField.InputPerMillion],
            (decimal?)m[PriceBookField.CachedInputPerMillion],
            (decimal?)m[PriceBookField.OutputPerMillion],
            (decimal?)m[PriceBookField.ReasoningPerMillion],
            (string?)m[PriceBookField.Match],
            m[PriceBookField.Aliases]?.AsArray().Select(a => (string?)a).ToList())).ToList();
        return PriceBookValidator.TryBuild((decimal?)root[PriceBookField.CreditsPerUsd], models, (i, f) => i is null ? f : $"models[{i}].{f}", out var book,
                out var errors)
            ? book!
            : throw new InvalidDataException($"A stored price book does not validate: {string.Join(" ", errors.Select(e => e.Value))}");
    }
}
