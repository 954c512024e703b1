using System.Text.Json.Nodes;

namespace AgentLedger.Bench;

/// <summary>
/// What the agent-loop stub answers, chosen from the turn's prompt the way the stubs the real agents were captured
/// against choose (/work/shared/fixtures/real-clients, tools-claude/stub_anthropic.py): "file" → write a file, then
/// edit it; "touch", "echo" or "run" → one shell command; anything else → text alone. The step is how many tool
/// results the agent has sent back since the prompt; once every step is done the answer is the closing text.
/// </summary>
public static class StubScript
{
    private static readonly string Greeter = "def greet(name):\n    return 'Hello, ' + name\n\nprint(greet('world'))\n";

    /// <summary>The tool calls of the turn that <paramref name="prompt"/> starts, in order.</summary>
    public static IReadOnlyList<StubToolStep> Steps(string prompt)
    {
        var low = prompt.ToLowerInvariant();
        if (low.Contains("touch", StringComparison.Ordinal))
        {
            return [Shell("I'll create the empty file.", "touch denied.txt", "Create an empty file")];
        }

        if (low.Contains("file", StringComparison.Ordinal))
        {
            return
            [
                new StubToolStep("I'll create the file.", $"cat > hello.py <<'EOF'\n{Greeter}EOF", "Write",
                    new JsonObject { ["file_path"] = "hello.py", ["content"] = Greeter }),
                new StubToolStep("Now I'll make the greeting friendlier.", "sed -i \"s/return 'Hello, ' + name/return f'Hello, {name}!'/\" hello.py", "Edit",
                    new JsonObject
                    {
                        ["file_path"] = "hello.py", ["old_string"] = "    return 'Hello, ' + name",
                        ["new_string"] = "    return f'Hello, {name}!'", ["replace_all"] = false,
                    }),
            ];
        }

        if (low.Contains("echo", StringComparison.Ordinal) || low.Contains("run", StringComparison.Ordinal))
        {
            return [Shell("I'll run that command.", "echo hello", "Print hello")];
        }

        return [];
    }

    /// <summary>The text that closes the turn.</summary>
    public static string FinalText(string prompt)
    {
        var low = prompt.ToLowerInvariant();
        if (low.Contains("touch", StringComparison.Ordinal))
        {
            return "I could not create denied.txt because the command was not permitted.";
        }

        if (low.Contains("file", StringComparison.Ordinal))
        {
            return "Created hello.py with a greet() function and updated it to use an f-string.";
        }

        if (low.Contains("echo", StringComparison.Ordinal) || low.Contains("run", StringComparison.Ordinal))
        {
            return "The command printed `hello`.";
        }

        return prompt.Any(c => c is >= '\uac00' and <= '\ud7a3')
            ? "안녕하세요! 이 저장소는 텔레메트리 테스트용 예제입니다. 더 도와드릴까요?"
            : "Hello from the stub model. This repository is a small example; tell me what you would like to change.";
    }

    private static StubToolStep Shell(string intro, string command, string description) =>
        new(intro, command, "Bash", new JsonObject { ["command"] = command, ["description"] = description });
}

/// <summary>
/// One tool call: the text said before it (Anthropic), the shell command (Codex's <c>exec_command</c>), and the
/// Claude Code tool with its input.
/// </summary>
public sealed record StubToolStep(string Intro, string Command, string ClaudeTool, JsonObject ClaudeInput);
