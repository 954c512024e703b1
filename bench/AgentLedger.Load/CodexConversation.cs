using System.Text;
using System.Text.Json.Nodes;

namespace AgentLedger.Load;

/// <summary>
/// Codex CLI 0.169 through the gateway (<c>base_url = …/gateway/openai/v1</c>): <c>POST /v1/responses</c>, streamed,
/// the AgentLedger key as the OpenAI key, with the headers the real CLI sends (tests/AgentLedger.Otlp.Tests/Fixtures/
/// codex/*/model-requests.jsonl): <c>session-id</c>, <c>thread-id</c>, and <c>x-codex-turn-metadata</c> whose
/// <c>turn_id</c> the gateway takes as the turn. Input: developer permissions, the environment context, then the
/// conversation; tool output goes back as <c>function_call_output</c>.
/// </summary>
internal sealed class CodexConversation : GatewayConversation
{
    private const string UserAgent = "codex_exec/0.169.0 (Debian 12.0.0; x86_64) xterm (codex_exec; 0.169.0)";
    private static readonly string Instructions = BuildInstructions("Codex");
    private static readonly string[] ModelNames = ["gpt-5.1-codex", "gpt-5.1-codex-mini", "gpt-5.2"];
    private static readonly JsonArray Tools = BuildTools();

    private readonly string _sessionId = Guid.CreateVersion7().ToString();
    private readonly JsonArray _input;
    private string _turnId = "";
    private int _newRecords;

    public CodexConversation(VirtualUser user, string key, IReadOnlyList<string> prompts, Random random)
        : base(user, key, prompts, random)
    {
        _input =
        [
            Message("developer", "<permissions instructions>\nFilesystem sandboxing: danger-full-access. Approval policy: never.\n</permissions instructions>"),
            Message("user", $"<environment_context>\n  <cwd>/home/{user.Login}/src/service-{user.Number % 40:D2}</cwd>\n  <shell>bash</shell>\n</environment_context>"),
        ];
        StartTurn(random);
    }

    public override TrafficKind Kind => TrafficKind.GatewayOpenAi;

    protected override IReadOnlyList<string> Models => ModelNames;

    public override GatewayCall NextCall(Random random)
    {
        var body = new JsonObject
        {
            ["model"] = Model, ["instructions"] = Instructions, ["input"] = _input.DeepClone(), ["tools"] = Tools.DeepClone(),
            ["tool_choice"] = "auto", ["parallel_tool_calls"] = false,
            ["reasoning"] = new JsonObject { ["effort"] = "medium", ["summary"] = "auto" },
            ["store"] = false, ["stream"] = true, ["include"] = new JsonArray("reasoning.encrypted_content"), ["prompt_cache_key"] = _sessionId,
        };
        var metadata = new JsonObject
        {
            ["session_id"] = _sessionId, ["thread_id"] = _sessionId, ["turn_id"] = _turnId, ["window_id"] = _sessionId + ":0",
            ["request_kind"] = "turn", ["thread_source"] = "user", ["turn_trigger"] = "exec", ["sandbox"] = "none", ["model"] = Model,
        };
        var records = _newRecords + 1;
        _newRecords = 0;
        return new GatewayCall(Kind, "/gateway/openai/v1/responses", Encoding.UTF8.GetBytes(body.ToJsonString()),
        [
            new("Authorization", "Bearer " + Key),
            new("User-Agent", UserAgent),
            new("originator", "codex_exec"),
            new("accept", "text/event-stream"),
            new("session-id", _sessionId),
            new("thread-id", _sessionId),
            new("x-client-request-id", _sessionId),
            new("x-codex-window-id", _sessionId + ":0"),
            new("x-codex-turn-metadata", metadata.ToJsonString()),
        ], records);
    }

    protected override void StartTurn(Random random)
    {
        _turnId = Guid.CreateVersion7().ToString();
        _input.Add(Message("user", NextPrompt(random)));
        _newRecords++;
    }

    protected override void AppendAnswer(GatewayAnswer answer)
    {
        if (answer.Text.Length > 0)
        {
            _input.Add(new JsonObject
            {
                ["type"] = "message", ["role"] = "assistant",
                ["content"] = new JsonArray(new JsonObject { ["type"] = "output_text", ["text"] = answer.Text }),
            });
        }

        foreach (var call in answer.ToolCalls)
        {
            _input.Add(new JsonObject { ["type"] = "function_call", ["name"] = call.Name, ["arguments"] = call.Input, ["call_id"] = call.CallId });
        }
    }

    protected override void AppendToolResult(GatewayToolCall call)
    {
        var command = (string?)JsonNode.Parse(call.Input)?["cmd"] ?? "";
        var printed = command.StartsWith("echo ", StringComparison.Ordinal) ? command[5..] + "\n" : "";
        var output = $"Chunk ID: {(uint)call.CallId.GetHashCode() % 0xFFFFFF:x6}\nWall time: 0.0287 seconds\nProcess exited with code 0\n" +
                     $"Original token count: {Math.Max(1, printed.Length / 4)}\nOutput:\n{printed}";
        _input.Add(new JsonObject { ["type"] = "function_call_output", ["call_id"] = call.CallId, ["output"] = output });
        _newRecords++;
    }

    private static JsonObject Message(string role, string text) => new()
    {
        ["type"] = "message", ["role"] = role,
        ["content"] = new JsonArray(new JsonObject { ["type"] = "input_text", ["text"] = text }),
    };

    private static JsonArray BuildTools()
    {
        JsonObject Function(string name, string description, JsonObject properties, params string[] required) => new()
        {
            ["type"] = "function", ["name"] = name, ["description"] = description, ["strict"] = false,
            ["parameters"] = new JsonObject
            {
                ["type"] = "object", ["properties"] = properties, ["required"] = new JsonArray([.. required.Select(r => (JsonNode)r)]),
                ["additionalProperties"] = false,
            },
        };
        JsonObject Str(string description) => new() { ["type"] = "string", ["description"] = description };
        return
        [
            Function("exec_command", "Runs a command in a PTY, returning output or a session ID for ongoing interaction.",
                new JsonObject { ["cmd"] = Str("Shell command to execute."), ["yield_time_ms"] = new JsonObject { ["type"] = "number" } }, "cmd"),
            Function("write_stdin", "Writes characters to an existing unified exec session and returns recent output.",
                new JsonObject { ["session_id"] = new JsonObject { ["type"] = "number" }, ["chars"] = Str("Bytes to write to stdin.") }, "session_id"),
            Function("update_plan", "Updates the task plan.", new JsonObject { ["explanation"] = Str("Why the plan changed.") }),
            Function("view_image", "Attach a local image to the conversation.", new JsonObject { ["path"] = Str("Local filesystem path to an image file.") }, "path"),
        ];
    }
}
