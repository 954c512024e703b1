using System.Text;
using AgentLedger.Core.Gateway;
using AgentLedger.Core.Records;

namespace AgentLedger.Core.Tests.Gateway;

public sealed class GatewayResponseAssemblerTests
{
    [Fact]
    public void OpenAiResponses_StubStream_AssemblesTextToolCallAndUsage()
    {
        var result = Stream(GatewayApi.OpenAiResponses, """
            event: response.created
            data: {"type":"response.created","response":{"id":"resp_1","model":"stub-model"}}

            event: response.output_text.delta
            data: {"type":"response.output_text.delta","delta":"Done. "}

            event: response.output_text.delta
            data: {"type":"response.output_text.delta","delta":"hello"}

            event: response.output_item.done
            data: {"type":"response.output_item.done","item":{"type":"function_call","call_id":"call_1","name":"exec_command","arguments":"{\"cmd\":\"ls\"}"}}

            event: response.completed
            data: {"type":"response.completed","response":{"id":"resp_1","model":"stub-model","status":"completed","usage":{"input_tokens":100,"input_tokens_details":{"cached_tokens":50},"output_tokens":12,"output_tokens_details":{"reasoning_tokens":2}}}}


            """);

        Assert.Equal(("Done. hello", "stub-model", "resp_1", "completed"), (result.Text, result.Model, result.ResponseId, result.StopReason));
        Assert.Equal(new TokenUsage(100, 50, 12, 2), result.Usage);
        Assert.Equal(new GatewayToolCall("call_1", "exec_command", "{\"cmd\":\"ls\"}"), Assert.Single(result.ToolCalls));
    }

    [Fact]
    public void ChatCompletions_ToolCallArgumentsInPieces_AreJoinedPerIndex()
    {
        var result = Stream(GatewayApi.OpenAiChatCompletions, """
            data: {"id":"c1","model":"gpt-x","choices":[{"delta":{"content":"Let me "}}]}

            data: {"id":"c1","choices":[{"delta":{"tool_calls":[{"index":0,"id":"call_9","function":{"name":"shell","arguments":"{\"cmd\":"}}]}}]}

            data: {"id":"c1","choices":[{"delta":{"tool_calls":[{"index":0,"function":{"arguments":"\"ls\"}"}}]},"finish_reason":"tool_calls"}],"usage":{"prompt_tokens":30,"completion_tokens":9}}

            data: [DONE]


            """);

        Assert.Equal("Let me ", result.Text);
        Assert.Equal(new GatewayToolCall("call_9", "shell", "{\"cmd\":\"ls\"}"), Assert.Single(result.ToolCalls));
        Assert.Equal(new TokenUsage(30, 0, 9, 0), result.Usage);
    }

    [Fact]
    public void Gemini_JsonArrayStream_IsAssembledFromEveryChunk()
    {
        var assembler = GatewayResponseAssembler.For(GatewayApi.GeminiGenerateContent);

        assembler.OnBody("""[{"candidates":[{"content":{"parts":[{"text":"Hel"}]}}]},{"candidates":[{"content":{"parts":[{"text":"lo","thought":false},{"text":"hidden","thought":true}]},"finishReason":"STOP"}],"usageMetadata":{"promptTokenCount":10,"candidatesTokenCount":2}}]"""u8);

        var result = assembler.Result();
        Assert.Equal(("Hello", "STOP"), (result.Text, result.StopReason));
        Assert.Equal(new TokenUsage(10, 0, 2, 0), result.Usage);
    }

    [Fact]
    public void Anthropic_ErrorEventInsideTheStream_IsReported()
    {
        var result = Stream(GatewayApi.AnthropicMessages, """
            event: message_start
            data: {"type":"message_start","message":{"id":"m1","model":"claude-x","usage":{"input_tokens":5,"output_tokens":1}}}

            event: error
            data: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}


            """);

        Assert.Equal("Overloaded", result.Error);
        Assert.Equal(new TokenUsage(5, 0, 1, 0), result.Usage);
    }

    private static GatewayResponse Stream(GatewayApi api, string sse)
    {
        var assembler = GatewayResponseAssembler.For(api);
        var parser = new SseEventParser(assembler.OnEvent);
        parser.Feed(Encoding.UTF8.GetBytes(sse));
        parser.Complete();
        return assembler.Result();
    }
}
