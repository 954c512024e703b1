using System.Buffers;
using System.Text;
using System.Text.Json.Nodes;
using AgentLedger.Core.Compliance;
using AgentLedger.Core.Records;

namespace AgentLedger.Core.Tests.Compliance;

public sealed class CodexLogFormatterTests
{
    [Fact]
    public void WriteLine_ModelResponse_HasTheFieldsOfOpenAisCodexLogSample()
    {
        var line = Line(TestRecords.Response());

        // the sanitized live sample in elastic/integrations (openai_chatgpt_enterprise, codex_log) has these, in this shape
        Assert.Equal("0197f0c2a1b27c3d8e9f001122334455", (string)line["event_id"]!);
        Assert.Equal("CODEX_LOG", (string)line["type"]!);
        Assert.Equal("2026-07-09T10:08:44.000000Z", (string)line["timestamp"]!);
        Assert.Equal("""{"id":"acme","type":"WORKSPACE"}""", line["principal"]!.ToJsonString());
        Assert.Equal("""{"type":"ACCOUNT_USER","user_id":"user-1","user_email":"user@example.org"}""", line["actor"]!.ToJsonString());
        Assert.Equal("PROMPT_RESPONSE_RECEIVED", (string)line["event_type"]!);
        Assert.Equal("CODEX_CLI", (string)line["client_id"]!);
        Assert.Equal("acme", (string)line["workspace_id"]!);
        Assert.Equal("""{"client_ip":"81.2.69.142","client_user_agent":"CodexCLI/1.0"}""", line["request_metadata"]!.ToJsonString());
        var details = line["event_details"]!;
        Assert.Equal(("PROMPT_RESPONSE_RECEIVED", "session-123", "turn-1", "success", "gpt-5.1-codex-max"),
            ((string)details["detail_type"]!, (string)details["session_id"]!, (string)details["turn_id"]!, (string)details["status"]!, (string)details["model"]!));
        Assert.Equal(("Refactor timeline.tsx", "Refactored timeline.tsx."), ((string)details["prompt_text"]!, (string)details["response_text"]!));
        Assert.Equal("""{"input_tokens":4200,"output_tokens":1800,"cached_input_tokens":900,"reasoning_output_tokens":600}""",
            details["token_usage"]!.ToJsonString());
        Assert.Equal("0.01", details["cost_usd"]!.ToJsonString());
    }

    [Fact]
    public void WriteLine_ApiError_IsAnErroredPromptResponseAsOpenAiReportsIt()
    {
        var line = Line(TestRecords.Response() with { Kind = RecordKind.ApiError, Error = "Rate limit exceeded.", ResponseText = null });

        Assert.Equal("PROMPT_RESPONSE_RECEIVED", (string)line["event_type"]!);
        Assert.Equal(("error", "Rate limit exceeded."), ((string)line["event_details"]!["status"]!, (string)line["event_details"]!["error_message"]!));
    }

    [Fact]
    public void WriteLine_SameRecordTwice_SameBytes_AndOneLineEvenWithNewlinesInText()
    {
        var record = TestRecords.Response() with { PromptText = "line 1\nline 2\r\n“ü”" };

        var a = Bytes(record);
        var b = Bytes(record);

        Assert.Equal(a, b);
        Assert.Single(Encoding.UTF8.GetString(a).Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("“ü”", Encoding.UTF8.GetString(a), StringComparison.Ordinal);
    }

    [Fact]
    public void WriteLine_AnonymousRecordWithoutRequestMetadata_LeavesThemOut()
    {
        var line = Line(TestRecords.Response() with { UserId = null, Actor = new ActorIdentity(), ClientIp = null, UserAgent = "" });

        Assert.Equal("""{"type":"UNKNOWN"}""", line["actor"]!.ToJsonString());
        Assert.Null(line["request_metadata"]);
    }

    [Theory]
    [InlineData(RecordKind.ToolResult, "TOOL_CALL_COMPLETED")]
    [InlineData(RecordKind.UserPrompt, "PROMPT_SUBMITTED")]
    [InlineData(RecordKind.CodeReviewCompleted, "CODE_REVIEW_COMPLETED")]
    [InlineData(RecordKind.Other, "OTHER")]
    public void EventType_OfKind(RecordKind kind, string expected) => Assert.Equal(expected, CodexLogEventTypes.Of(kind));

    [Fact]
    public void EventType_EveryKind_HasOne() =>
        Assert.All(Enum.GetValues<RecordKind>(), k => Assert.Matches("^[A-Z_]+$", CodexLogEventTypes.Of(k)));

    private static byte[] Bytes(ActivityRecord record)
    {
        var buffer = new ArrayBufferWriter<byte>();
        CodexLogFormatter.WriteLine(buffer, record);
        return buffer.WrittenSpan.ToArray();
    }

    private static JsonNode Line(ActivityRecord record) => JsonNode.Parse(Bytes(record))!;
}
