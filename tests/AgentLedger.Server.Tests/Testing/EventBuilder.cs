using System.Globalization;
using System.Text.Json.Nodes;

namespace AgentLedger.Server.Tests.Testing;

/// <summary>Fluent builder of native events as the JSON a sender would post.</summary>
public sealed class EventBuilder
{
    private static int _counter;
    private readonly JsonObject _event;

    private EventBuilder(string type)
    {
        _event = new JsonObject
        {
            ["event_id"] = $"evt-{Interlocked.Increment(ref _counter)}-{Guid.NewGuid():N}",
            ["type"] = type,
            ["occurred_at"] = "2026-11-20T10:15:00Z",
            ["agent"] = "codex",
            ["client_id"] = "CODEX_CLI",
            ["user"] = new JsonObject { ["email"] = "dev@example.com" },
        };
    }

    public static EventBuilder Prompt() => new("user.prompt");

    public static EventBuilder Response() => new("model.response");

    public static EventBuilder Of(string type) => new(type);

    public string EventId => (string)_event["event_id"]!;

    public EventBuilder Id(string eventId) => Set("event_id", eventId);

    public EventBuilder At(string rfc3339) => Set("occurred_at", rfc3339);

    public EventBuilder At(DateTimeOffset at) => Set("occurred_at", at.ToString("O", CultureInfo.InvariantCulture));

    public EventBuilder User(string email) => Set("user", new JsonObject { ["email"] = email });

    public EventBuilder UserIdentity(JsonObject identity) => Set("user", identity);

    public EventBuilder Client(string clientId, string agent)
    {
        Set("client_id", clientId);
        return Set("agent", agent);
    }

    public EventBuilder Session(string sessionId) => Set("session_id", sessionId);

    public EventBuilder Model(string model) => Set("model", model);

    public EventBuilder Tokens(long input, long cached, long output, long reasoning = 0) =>
        Set("usage", new JsonObject
        {
            ["input_tokens"] = input, ["cached_input_tokens"] = cached, ["output_tokens"] = output, ["reasoning_tokens"] = reasoning,
        });

    public EventBuilder Credits(decimal credits) => Set("credits", credits);

    public EventBuilder Prompt(string text) => Set("prompt_text", text);

    public EventBuilder Review(JsonObject review) => Set("review", review);

    public EventBuilder Set(string field, JsonNode? value)
    {
        _event[field] = value;
        return this;
    }

    public EventBuilder Without(string field)
    {
        _event.Remove(field);
        return this;
    }

    public JsonObject Build() => (JsonObject)_event.DeepClone();

    public static JsonArray Batch(params EventBuilder[] events) => new(events.Select(e => (JsonNode)e.Build()).ToArray());
}
