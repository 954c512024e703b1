using System.Text;
using AgentLedger.Core.Records;
using AgentLedger.Otlp.Decoding;
using AgentLedger.Otlp.Mapping;
using AgentLedger.Otlp.Proto.Collector.Logs.V1;
using Xunit;

namespace AgentLedger.Otlp.Tests.Mapping;

/// <summary>Agent, client surface and attribute fidelity for values the captures do not contain.</summary>
public sealed class ClientDetectionTests
{
    private static ActivityRecord MapOne(string service, string recordAttributes, string body = "")
    {
        var json = "{\"resourceLogs\":[{\"resource\":{\"attributes\":[{\"key\":\"service.name\",\"value\":{\"stringValue\":\"" + service + "\"}}]}," +
                   "\"scopeLogs\":[{\"logRecords\":[{" + body + "\"attributes\":[" + recordAttributes + "]}]}]}]}";
        var request = OtlpJsonDecoder.Decode<ExportLogsServiceRequest>(Encoding.UTF8.GetBytes(json));
        return Assert.Single(FixtureMapping.Mapper().MapLogs(request, new OtlpIngestContext("ws")));
    }

    private static string Attr(string key, string value) => "{\"key\":\"" + key + "\",\"value\":{\"stringValue\":\"" + value + "\"}}";

    [Theory]
    [InlineData("codex_exec", ClientId.CodexCli)]
    [InlineData("codex_cli_rs", ClientId.CodexCli)]
    [InlineData("codex_vscode", ClientId.CodexIdeVsCode)]
    [InlineData("codex_sdk_ts", ClientId.CodexSdkTypeScript)]
    public void MapLogs_CodexOriginator_NamesTheSurface(string originator, ClientId expected)
    {
        var record = MapOne("codex_cli_rs", Attr("event.name", "codex.user_prompt") + "," + Attr("originator", originator));

        Assert.Equal(Agent.Codex, record.Agent);
        Assert.Equal(expected, record.ClientId);
    }

    [Theory]
    [InlineData("cli", ClientId.ClaudeCodeCli)]
    [InlineData("sdk-cli", ClientId.ClaudeCodeCli)]
    [InlineData("sdk-ts", ClientId.ClaudeCodeSdk)]
    [InlineData("claude-vscode", ClientId.ClaudeCodeIdeVsCode)]
    [InlineData("claude-desktop", ClientId.ClaudeCodeDesktop)]
    public void MapLogs_ClaudeEntrypoint_NamesTheSurface(string entrypoint, ClientId expected)
    {
        var record = MapOne("claude-code", Attr("event.name", "user_prompt") + "," + Attr("app.entrypoint", entrypoint), "\"body\":{\"stringValue\":\"claude_code.user_prompt\"},");

        Assert.Equal(Agent.ClaudeCode, record.Agent);
        Assert.Equal(RecordKind.UserPrompt, record.Kind);
        Assert.Equal(expected, record.ClientId);
    }

    [Fact]
    public void MapLogs_AgentEventThroughAnUnknownResource_IsStillRecognised()
    {
        var record = MapOne("otel-collector", Attr("event.name", "gemini_cli.user_prompt") + "," + Attr("prompt", "hi") + "," + Attr("user.email", "Ana@Example.com"));

        Assert.Equal(Agent.GeminiCli, record.Agent);
        Assert.Equal(RecordKind.UserPrompt, record.Kind);
        Assert.Equal("hi", record.PromptText);
        Assert.Equal("Ana@Example.com", record.Actor.Email);
    }

    [Fact]
    public void MapLogs_AttributeValues_KeepTheirTypes()
    {
        var attributes = "{\"key\":\"d\",\"value\":{\"doubleValue\":1.0}},{\"key\":\"i\",\"value\":{\"intValue\":\"1\"}}," +
                         "{\"key\":\"b\",\"value\":{\"bytesValue\":\"AAE=\"}},{\"key\":\"n\",\"value\":{}}," +
                         "{\"key\":\"kv\",\"value\":{\"kvlistValue\":{\"values\":[{\"key\":\"x\",\"value\":{\"arrayValue\":{\"values\":[{\"boolValue\":true}]}}}]}}}";

        var record = MapOne("acme", attributes);

        var stored = record.Attributes!["attributes"]!.ToJsonString();
        Assert.Equal("""{"d":1.0,"i":1,"b":{"bytes_base64":"AAE="},"n":null,"kv":{"x":[true]}}""", stored);
        Assert.Equal(RecordKind.Other, record.Kind);
        Assert.Equal(Agent.Unknown, record.Agent);
    }
}
