using System.Text;

namespace AgentLedger.Load;

/// <summary>
/// One agent session through the gateway, as the real agents drive it: a turn starts with a prompt the developer
/// typed; while the model asks for tools, the agent runs them and sends the results back in the next call; a text
/// answer ends the turn. Every call replays the whole history. A session has a few turns; one caller at a time.
/// </summary>
internal abstract class GatewayConversation
{
    private readonly IReadOnlyList<string> _prompts;
    private int _turnsLeft;

    protected GatewayConversation(VirtualUser user, string key, IReadOnlyList<string> prompts, Random random)
    {
        User = user;
        Key = key;
        _prompts = prompts;
        _turnsLeft = random.Next(2, 6);
        Model = Models[(user.Number + random.Next(2)) % Models.Count];
    }

    public VirtualUser User { get; }

    /// <summary>The developer's own gateway key (named by their e-mail).</summary>
    public string Key { get; }

    public string Model { get; }

    public abstract TrafficKind Kind { get; }

    protected abstract IReadOnlyList<string> Models { get; }

    /// <summary>The prompt that opens the next turn, varying by developer and turn.</summary>
    protected string NextPrompt(Random random) => _prompts[(User.Number + random.Next(_prompts.Count)) % _prompts.Count];

    /// <summary>The next model call: the history so far plus what is new (a prompt, or tool results).</summary>
    public abstract GatewayCall NextCall(Random random);

    /// <summary>Takes the model's answer into the history and prepares the next call.</summary>
    /// <returns>False when the session is over (its last turn ended).</returns>
    public bool Consume(GatewayAnswer answer, Random random)
    {
        AppendAnswer(answer);
        if (answer.ToolCalls.Count > 0)
        {
            foreach (var call in answer.ToolCalls)
            {
                AppendToolResult(call);
            }

            return true;
        }

        if (--_turnsLeft <= 0)
        {
            return false;
        }

        StartTurn(random);
        return true;
    }

    protected abstract void AppendAnswer(GatewayAnswer answer);

    protected abstract void AppendToolResult(GatewayToolCall call);

    protected abstract void StartTurn(Random random);

    /// <summary>Agents' long instructions (a system prompt of several KB, as the real CLIs send), built once.</summary>
    protected static string BuildInstructions(string agent)
    {
        var text = new StringBuilder($"You are {agent}, a coding agent running in the user's terminal.\n\n");
        string[] rules =
        [
            "Keep changes small and focused on the task; do not refactor unrelated code.",
            "Run the project's tests after a change and report what they printed.",
            "Prefer reading a file before editing it; never guess at its contents.",
            "Explain what you did and why in a short final message.",
            "Never print or commit secrets; store credentials in the environment or a secret manager.",
            "Use the shell tool for commands; quote paths that contain spaces.",
        ];
        for (var i = 0; text.Length < 9_000; i++)
        {
            text.Append("- ").Append(rules[i % rules.Length]).Append(" (").Append(i).Append(")\n");
        }

        return text.ToString();
    }
}

/// <summary>A call ready to send. <see cref="KnownRecords"/> are the records its request side stores (prompt, tool results) plus the answer's one.</summary>
internal sealed record GatewayCall(TrafficKind Kind, string Path, byte[] Body, IReadOnlyList<KeyValuePair<string, string>> Headers, int KnownRecords);

/// <summary>A tool call the model asked for: its id, the tool and its input (JSON text).</summary>
internal sealed record GatewayToolCall(string CallId, string Name, string Input);

/// <summary>
/// A model answer read from the stream: complete when the provider's final event arrived (<c>response.completed</c>,
/// <c>message_stop</c>), with the text and tool calls the agent replays.
/// </summary>
internal sealed record GatewayAnswer(bool Complete, string Text, IReadOnlyList<GatewayToolCall> ToolCalls, string? StopReason);
