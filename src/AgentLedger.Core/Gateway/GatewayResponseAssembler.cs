using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AgentLedger.Core.Records;

namespace AgentLedger.Core.Gateway;

/// <summary>
/// Assembles the model's answer from what the gateway relays: the provider's server-sent events one by one as they
/// pass, or its JSON body. It only reads; the bytes reach the agent unchanged. One instance per exchange.
/// </summary>
public abstract class GatewayResponseAssembler
{
    /// <summary>The most response text kept for the record; beyond it the record says <c>truncated</c>.</summary>
    public const int MaxTextChars = 1 << 20;

    private readonly StringBuilder _text = new();
    private bool _truncated;

    protected List<GatewayToolCall> ToolCalls { get; } = [];

    protected TokenUsage Usage { get; set; } = TokenUsage.None;

    protected string? Model { get; set; }

    protected string? ResponseId { get; set; }

    protected string? StopReason { get; set; }

    protected string? Error { get; set; }

    protected bool HasText => _text.Length > 0;

    /// <summary>Events whose data was not a JSON object (Chat Completions' <c>[DONE]</c>, keep-alives, garbage).</summary>
    public int IgnoredEvents { get; private set; }

    public static GatewayResponseAssembler For(GatewayApi api) => api switch
    {
        GatewayApi.OpenAiResponses => new OpenAiResponsesAssembler(),
        GatewayApi.OpenAiChatCompletions => new ChatCompletionsAssembler(),
        GatewayApi.AnthropicMessages => new AnthropicMessagesAssembler(),
        GatewayApi.GeminiGenerateContent => new GeminiAssembler(),
        _ => throw new ArgumentOutOfRangeException(nameof(api), api, null),
    };

    /// <summary>One server-sent event, as <see cref="SseEventParser"/> reports it.</summary>
    public void OnEvent(string? name, string data)
    {
        if (Parse(data) is { } json)
        {
            OnEvent(name, json);
        }
        else
        {
            IgnoredEvents++;
        }
    }

    /// <summary>A whole JSON body (a non-streaming answer).</summary>
    public void OnBody(ReadOnlySpan<byte> body)
    {
        try
        {
            switch (JsonNode.Parse(body))
            {
                case JsonObject json:
                    OnBody(json);
                    return;
                case JsonArray chunks:
                    // Gemini's streamGenerateContent without alt=sse streams a JSON array of responses.
                    foreach (var chunk in chunks.OfType<JsonObject>())
                    {
                        OnEvent(null, chunk);
                    }

                    return;
            }
        }
        catch (JsonException)
        {
            // Counted below: an unreadable body is relayed all the same, only not assembled.
        }

        IgnoredEvents++;
    }

    public GatewayResponse Result() => new()
    {
        Model = Model,
        ResponseId = ResponseId,
        Text = _text.Length == 0 ? null : _text.ToString(),
        ToolCalls = FinishToolCalls(),
        Usage = Usage,
        StopReason = StopReason,
        Error = Error,
        Truncated = _truncated,
    };

    protected abstract void OnEvent(string? name, JsonObject data);

    protected abstract void OnBody(JsonObject body);

    /// <summary>Tool calls still being streamed when the stream ended are completed here.</summary>
    protected virtual IReadOnlyList<GatewayToolCall> FinishToolCalls() => ToolCalls;

    protected void AppendText(string? text)
    {
        if (string.IsNullOrEmpty(text) || _truncated)
        {
            return;
        }

        var room = MaxTextChars - _text.Length;
        if (text.Length > room)
        {
            _text.Append(text, 0, room);
            _truncated = true;
            return;
        }

        _text.Append(text);
    }

    private static JsonObject? Parse(string data)
    {
        if (data.Length == 0 || data[0] != '{')
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(data) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
