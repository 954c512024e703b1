using System.Text;
using System.Text.Json;

namespace AgentLedger.Server.Features.Ingestion.Events;

/// <summary>
/// Splits a native-event body (a JSON array, a single JSON object, or NDJSON) into events. A body that is not
/// well-formed JSON is rejected whole, naming the line or position; an event whose fields have the wrong JSON
/// types is rejected alone, naming the field.
/// </summary>
public static class NativeEventBatchParser
{
    public static NativeEventBatch Parse(byte[] body, bool ndjson, JsonSerializerOptions options)
    {
        if (!System.Text.Unicode.Utf8.IsValid(body))
        {
            // Caught here: JSON parsing accepts bad bytes inside strings and fails only when they are read.
            return new NativeEventBatch([], "The body is not valid UTF-8; send UTF-8 encoded JSON.");
        }

        var elements = new List<JsonElement>();
        var error = ndjson ? SplitNdjson(body, elements) : SplitJson(body, elements);
        if (error is not null)
        {
            return new NativeEventBatch([], error);
        }

        var events = new List<ParsedEvent>(elements.Count);
        foreach (var element in elements)
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                events.Add(new ParsedEvent(null, null, $"an event must be a JSON object, not {element.ValueKind.ToString().ToLowerInvariant()}."));
                continue;
            }

            try
            {
                events.Add(new ParsedEvent(element.Deserialize<NativeEvent>(options), null, null));
            }
            catch (JsonException ex)
            {
                var eventId = element.TryGetProperty("event_id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
                events.Add(new ParsedEvent(null, eventId, $"{FieldOf(ex.Path)} must be {ExpectedOf(ex.Message)}."));
            }
        }

        return new NativeEventBatch(events, null);
    }

    private static string? SplitJson(byte[] body, List<JsonElement> elements)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Array)
            {
                elements.AddRange(root.EnumerateArray().Select(e => e.Clone()));
            }
            else if (root.ValueKind == JsonValueKind.Object)
            {
                elements.Add(root.Clone());
            }
            else
            {
                return "The body must be a JSON array of events, a single event object, or NDJSON.";
            }

            return null;
        }
        catch (JsonException ex)
        {
            return $"The body is not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}): {FirstSentence(ex.Message)}";
        }
    }

    private static string? SplitNdjson(byte[] body, List<JsonElement> elements)
    {
        var text = Encoding.UTF8.GetString(body);
        var lineNumber = 0;
        foreach (var line in text.Split('\n'))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                using var document = JsonDocument.Parse(line);
                elements.Add(document.RootElement.Clone());
            }
            catch (JsonException ex)
            {
                return $"Line {lineNumber} of the NDJSON body is not valid JSON: {FirstSentence(ex.Message)}";
            }
        }

        return null;
    }

    /// <summary>Turns System.Text.Json's "could not be converted to System.X" into words a sender understands.</summary>
    private static string ExpectedOf(string message) =>
        message switch
        {
            _ when message.Contains("DateTimeOffset", StringComparison.Ordinal) => "an RFC 3339 timestamp such as 2026-11-26T09:30:00Z",
            _ when message.Contains("System.Int", StringComparison.Ordinal) => "an integer",
            _ when message.Contains("System.Decimal", StringComparison.Ordinal) => "a number",
            _ when message.Contains("System.String", StringComparison.Ordinal) => "a string",
            _ when message.Contains("JsonObject", StringComparison.Ordinal) => "a JSON object",
            _ when message.Contains("IReadOnlyList", StringComparison.Ordinal) => "a JSON array",
            _ => "of another JSON type (see docs/api/native-events.md)",
        };

    private static string FieldOf(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "the event" : path.TrimStart('$', '.');

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..(end + 1)];
    }
}
