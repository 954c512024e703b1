using System.Text.Json;
using System.Text.Json.Nodes;

namespace AgentLedger.Core.Dlp;

/// <summary>
/// A DLP finding as stored in a record's <c>Attributes["dlp_findings"]</c> (see docs/dlp.md): the rule, its category, the
/// field, what the policy did, and where the finding lies in the field's text <em>as stored</em> (UTF-16 offsets; a
/// redacted finding spans its <c>[REDACTED:rule]</c> marker). The value's hash stays in storage; a transcript needs
/// only the span.
/// </summary>
public sealed record StoredDlpFinding(string Rule, string Category, string Field, string Action, int Start, int Length)
{
    /// <summary>
    /// The findings of a record's attributes, in stored order. Only the server writes the attribute (a client-sent one
    /// is dropped at ingest); an entry that is not shaped as written is skipped rather than trusted.
    /// </summary>
    public static IReadOnlyList<StoredDlpFinding> ReadAll(JsonObject? attributes)
    {
        if (attributes?[DlpWireNames.FindingsAttribute] is not JsonArray array)
        {
            return [];
        }

        var findings = new List<StoredDlpFinding>(array.Count);
        foreach (var node in array)
        {
            if (node is JsonObject o
                && Text(o, "rule") is { } rule && Text(o, "field") is { } field
                && Number(o, "start") is { } start && Number(o, "length") is { } length && start >= 0 && length >= 0)
            {
                findings.Add(new StoredDlpFinding(rule, Text(o, "category") ?? "", field, Text(o, "action") ?? "", start, length));
            }
        }

        return findings;
    }

    /// <summary>Whether the finding lies inside <paramref name="text"/> (a purge or a later edit could have shortened it).</summary>
    public bool FitsIn(string? text) => text is not null && Start + (long)Length <= text.Length;

    private static string? Text(JsonObject o, string name) =>
        o[name] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    private static int? Number(JsonObject o, string name) =>
        o[name] is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<int>(out var n) ? n : null;
}
