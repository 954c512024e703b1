using System.Text.Json.Nodes;
using AgentLedger.Core.Gateway;

namespace AgentLedger.Core.Tests.Gateway;

/// <summary>Bodies shaped as the real agents send them (captured from Codex 0.169, Claude Code 2.1.328, Gemini CLI 0.61).</summary>
public sealed class GatewayRequestReaderTests
{
    [Fact]
    public void Read_CodexFirstCall_PromptIsTheTypedTextWithoutInjectedContext()
    {
        var body = Parse("""
            {"model":"stub-model","stream":true,"input":[
              {"type":"message","role":"developer","content":[{"type":"input_text","text":"You are a coding agent"}]},
              {"type":"message","role":"user","content":[{"type":"input_text","text":"# AGENTS.md instructions for /w\n\nbe nice"}]},
              {"type":"message","role":"user","content":[{"type":"input_text","text":"<environment_context>\n  <cwd>/w</cwd>\n</environment_context>"}]},
              {"type":"message","role":"user","content":[{"type":"input_text","text":"Run echo hello"}]}]}
            """);

        var view = GatewayRequestReader.Read(GatewayApi.OpenAiResponses, body);

        Assert.Equal(("stub-model", true, "Run echo hello"), (view.Model, view.Stream, view.Prompt));
        Assert.Empty(view.ToolResults);
    }

    [Fact]
    public void Read_CodexToolOutputCall_HasNoPromptAndTheResultWithItsCall()
    {
        var body = Parse("""
            {"model":"m","input":[
              {"type":"message","role":"user","content":[{"type":"input_text","text":"Run echo hello"}]},
              {"type":"function_call","name":"exec_command","arguments":"{\"cmd\":\"echo hello\"}","call_id":"call_1"},
              {"type":"function_call_output","call_id":"call_1","output":"Output:\nhello\n"}]}
            """);

        var view = GatewayRequestReader.Read(GatewayApi.OpenAiResponses, body);

        Assert.Null(view.Prompt);
        var result = Assert.Single(view.ToolResults);
        Assert.Equal(new GatewayToolResult("call_1", "exec_command", "{\"cmd\":\"echo hello\"}", "Output:\nhello\n"), result);
    }

    [Fact]
    public void Read_ClaudeCodeCall_SkipsSystemRemindersAndFindsToolUseOfTheResult()
    {
        var first = Parse("""
            {"model":"claude-opus-5-5","stream":true,"messages":[
              {"role":"user","content":[{"type":"text","text":"<system-reminder>\nAttribution…\n</system-reminder>\n"},{"type":"text","text":"Run echo hello in the shell."}]},
              {"role":"system","content":[{"type":"text","text":"# Environment"}]}]}
            """);
        var second = Parse("""
            {"model":"claude-opus-5-5","messages":[
              {"role":"user","content":[{"type":"text","text":"Run echo hello in the shell."}]},
              {"role":"assistant","content":[{"type":"text","text":"I'll run it."},{"type":"tool_use","id":"toolu_1","name":"Bash","input":{"command":"echo hello"}}]},
              {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":[{"type":"text","text":"hello"}]}]}]}
            """);

        var a = GatewayRequestReader.Read(GatewayApi.AnthropicMessages, first);
        var b = GatewayRequestReader.Read(GatewayApi.AnthropicMessages, second);

        Assert.Equal("Run echo hello in the shell.", a.Prompt);
        Assert.Null(b.Prompt);
        Assert.Equal(new GatewayToolResult("toolu_1", "Bash", "{\"command\":\"echo hello\"}", "hello"), Assert.Single(b.ToolResults));
    }

    [Fact]
    public void Read_GeminiCall_ModelAndStreamFromThePath()
    {
        var body = Parse("""
            {"contents":[{"role":"user","parts":[{"text":"<session_context>\nsetup\n</session_context>"}]},
              {"role":"user","parts":[{"text":"Run `echo hello`"}]},
              {"role":"model","parts":[{"functionCall":{"name":"run_shell_command","args":{"command":"echo hello"}}}]},
              {"role":"user","parts":[{"functionResponse":{"name":"run_shell_command","response":{"output":"hello"}}}]}]}
            """);

        var view = GatewayRequestReader.Read(GatewayApi.GeminiGenerateContent, body, "gemini-x", pathStream: true);

        Assert.Equal(("gemini-x", true, (string?)null), (view.Model, view.Stream, view.Prompt));
        Assert.Equal(new GatewayToolResult("run_shell_command", "run_shell_command", "{\"command\":\"echo hello\"}", "{\"output\":\"hello\"}"), Assert.Single(view.ToolResults));
    }

    [Fact]
    public void Read_WrongTypesEverywhere_ReadsAsAbsentInsteadOfThrowing()
    {
        var body = Parse("""{"model":5,"stream":"yes","input":[1,"x",{"type":7,"content":{"a":1}}],"messages":"no"}""");

        foreach (var api in Enum.GetValues<GatewayApi>())
        {
            var view = GatewayRequestReader.Read(api, body);
            Assert.Null(view.Prompt);
        }
    }

    private static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();
}
