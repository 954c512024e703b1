using System.Text;
using System.Text.Json.Nodes;

namespace AgentLedger.Load;

/// <summary>
/// Claude Code 2.1.328 through the gateway (<c>ANTHROPIC_BASE_URL=…/gateway/anthropic</c>): <c>POST
/// /v1/messages?beta=true</c>, streamed, the AgentLedger key as <c>x-api-key</c>, with the user agent and beta
/// header of the capture (real-clients claude-code stub-requests.jsonl) and <c>X-Claude-Code-Session-Id</c>, which
/// the gateway takes as the session. The first user message carries a <c>&lt;system-reminder&gt;</c> block before
/// the prompt; tool results go back in one user message of <c>tool_result</c> blocks.
/// </summary>
internal sealed class ClaudeConversation : GatewayConversation
{
    private const string UserAgent = "claude-cli/2.1.328 (external, sdk-cli)";
    private const string Beta = "claude-code-20250219,interleaved-thinking-2025-05-14,context-management-2025-06-27,effort-2025-11-24";
    private static readonly string System = BuildInstructions("Claude Code");
    private static readonly string[] ModelNames = ["claude-sonnet-4-5-20250929", "claude-opus-4-5-20251101", "claude-haiku-4-5-20251001"];
    private static readonly JsonArray Tools = BuildTools();

    private readonly string _sessionId = Guid.NewGuid().ToString();
    private readonly JsonArray _messages = [];
    private int _newRecords;

    public ClaudeConversation(VirtualUser user, string key, IReadOnlyList<string> prompts, Random random)
        : base(user, key, prompts, random)
    {
        _messages.Add(new JsonObject
        {
            ["role"] = "user",
            ["content"] = new JsonArray(
                Text($"<system-reminder>\nAs you answer the user's questions, you can use the following context:\n# currentDate\nToday's date is {DateTime.UtcNow:yyyy-MM-dd}.\n</system-reminder>"),
                Text(NextPrompt(random))),
        });
        _newRecords = 1;
    }

    public override TrafficKind Kind => TrafficKind.GatewayAnthropic;

    protected override IReadOnlyList<string> Models => ModelNames;

    public override GatewayCall NextCall(Random random)
    {
        var body = new JsonObject
        {
            ["model"] = Model, ["max_tokens"] = 32000,
            ["system"] = new JsonArray(
                Text("You are Claude Code, Anthropic's official CLI for Claude."),
                new JsonObject { ["type"] = "text", ["text"] = System, ["cache_control"] = new JsonObject { ["type"] = "ephemeral" } }),
            ["messages"] = _messages.DeepClone(), ["tools"] = Tools.DeepClone(),
            ["metadata"] = new JsonObject { ["user_id"] = $"user_{User.AccountId}_account__session_{_sessionId}" },
            ["stream"] = true,
        };
        var records = _newRecords + 1;
        _newRecords = 0;
        return new GatewayCall(Kind, "/gateway/anthropic/v1/messages?beta=true", Encoding.UTF8.GetBytes(body.ToJsonString()),
        [
            new("x-api-key", Key),
            new("anthropic-version", "2023-06-01"),
            new("anthropic-beta", Beta),
            new("User-Agent", UserAgent),
            new("x-app", "cli"),
            new("X-Claude-Code-Session-Id", _sessionId),
            new("accept", "application/json"),
        ], records);
    }

    protected override void StartTurn(Random random)
    {
        _messages.Add(new JsonObject { ["role"] = "user", ["content"] = new JsonArray(Text(NextPrompt(random))) });
        _newRecords++;
    }

    protected override void AppendAnswer(GatewayAnswer answer)
    {
        var content = new JsonArray();
        if (answer.Text.Length > 0)
        {
            content.Add(Text(answer.Text));
        }

        foreach (var call in answer.ToolCalls)
        {
            content.Add(new JsonObject { ["type"] = "tool_use", ["id"] = call.CallId, ["name"] = call.Name, ["input"] = JsonNode.Parse(call.Input) });
        }

        _messages.Add(new JsonObject { ["role"] = "assistant", ["content"] = content });
    }

    protected override void AppendToolResult(GatewayToolCall call)
    {
        var input = JsonNode.Parse(call.Input);
        var command = (string?)input?["command"] ?? "";
        var (output, error) = call.Name switch
        {
            "Bash" when command.StartsWith("echo ", StringComparison.Ordinal) => (command[5..], false),
            "Bash" => ($"Permission to use Bash with command {command} has been denied.", true),
            "Write" => ($"File created successfully at: {(string?)input?["file_path"]}", false),
            "Edit" => ($"The file {(string?)input?["file_path"]} has been updated. Here's the result of running `cat -n` on a snippet of the edited file:\n     1\tdef greet(name):\n     2\t    return f'Hello, {{name}}!'", false),
            _ => ("", false),
        };
        var block = new JsonObject { ["type"] = "tool_result", ["tool_use_id"] = call.CallId, ["content"] = output, ["is_error"] = error };
        if (_messages[^1] is JsonObject { } last && (string?)last["role"] == "user")
        {
            last["content"]!.AsArray().Add(block);
        }
        else
        {
            _messages.Add(new JsonObject { ["role"] = "user", ["content"] = new JsonArray(block) });
        }

        _newRecords++;
    }

    private static JsonObject Text(string text) => new() { ["type"] = "text", ["text"] = text };

    private static JsonArray BuildTools()
    {
        JsonObject Tool(string name, string description, params (string Name, string Type)[] properties) => new()
        {
            ["name"] = name, ["description"] = description,
            ["input_schema"] = new JsonObject
            {
                ["type"] = "object", ["$schema"] = "http://json-schema.org/draft-07/schema#", ["additionalProperties"] = false,
                ["properties"] = new JsonObject(properties.Select(p => KeyValuePair.Create(p.Name, (JsonNode?)new JsonObject { ["type"] = p.Type }))),
                ["required"] = new JsonArray((JsonNode)properties[0].Name),
            },
        };
        return
        [
            Tool("Bash", "Executes a given bash command in a persistent shell session with optional timeout.", ("command", "string"), ("description", "string"), ("timeout", "number")),
            Tool("Write", "Writes a file to the local filesystem.", ("file_path", "string"), ("content", "string")),
            Tool("Edit", "Performs exact string replacements in files.", ("file_path", "string"), ("old_string", "string"), ("new_string", "string"), ("replace_all", "boolean")),
            Tool("Read", "Reads a file from the local filesystem.", ("file_path", "string"), ("offset", "number"), ("limit", "number")),
            Tool("Glob", "Fast file pattern matching tool that works with any codebase size.", ("pattern", "string"), ("path", "string")),
            Tool("Grep", "A powerful search tool built on ripgrep.", ("pattern", "string"), ("path", "string"), ("glob", "string")),
        ];
    }
}
