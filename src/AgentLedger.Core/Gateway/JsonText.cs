using System.Text.Json.Nodes;

namespace AgentLedger.Core.Gateway;

/// <summary>Small, total readers over provider JSON: a wrong type reads as absent, never throws.</summary>
internal static class JsonText
{
    public static string? Str(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public static long Long(JsonNode? node) =>
        node is JsonValue v ? (v.TryGetValue<long>(out var l) ? l : v.TryGetValue<double>(out var d) ? (long)d : 0) : 0;

    public static bool Bool(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<bool>(out var b) && b;

    public static JsonArray Array(JsonNode? node) => node as JsonArray ?? [];

    public static IEnumerable<JsonObject> Objects(JsonNode? node) => Array(node).OfType<JsonObject>();

    /// <summary>A string as is; anything else as its JSON text (tool outputs may be objects or part lists).</summary>
    public static string? TextOrJson(JsonNode? node) => node switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => node.ToJsonString(),
    };

    /// <summary>The text parts of a content list (or the content itself when it is a string), joined by new lines.</summary>
    public static string? Parts(JsonNode? content, params string[] textTypes)
    {
        if (Str(content) is { } s)
        {
            return s;
        }

        var texts = Objects(content)
            .Where(p => textTypes.Length == 0 || textTypes.Contains(Str(p["type"])))
            .Select(p => Str(p["text"]))
            .OfType<string>()
            .ToList();
        return texts.Count == 0 ? null : string.Join("\n", texts);
    }
}
