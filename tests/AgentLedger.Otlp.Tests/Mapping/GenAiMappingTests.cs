using System.Text;
using AgentLedger.Core.Records;
using AgentLedger.Otlp.Decoding;
using AgentLedger.Otlp.Mapping;
using AgentLedger.Otlp.Proto.Collector.Logs.V1;
using AgentLedger.Otlp.Proto.Collector.Trace.V1;
using Xunit;

namespace AgentLedger.Otlp.Tests.Mapping;

/// <summary>An emitter that none of the agent vocabularies knows, speaking the OpenTelemetry GenAI conventions.</summary>
public sealed class GenAiMappingTests
{
    private const string Spans = """
        {"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"acme-agent"}},{"key":"enduser.id","value":{"stringValue":"u-42"}}]},
          "scopeSpans":[{"scope":{"name":"acme"},"spans":[
            {"traceId":"0102030405060708090a0b0c0d0e0f10","spanId":"0102030405060708","name":"chat gpt-9","startTimeUnixNano":"1795673000000000000","endTimeUnixNano":"1795673001500000000",
             "attributes":[{"key":"gen_ai.operation.name","value":{"stringValue":"chat"}},{"key":"gen_ai.request.model","value":{"stringValue":"gpt-9"}},
               {"key":"gen_ai.conversation.id","value":{"stringValue":"conv-1"}},{"key":"gen_ai.usage.input_tokens","value":{"intValue":"120"}},
               {"key":"gen_ai.usage.output_tokens","value":{"intValue":30}},{"key":"gen_ai.usage.cache_read.input_tokens","value":{"intValue":100}},{"key":"custom.flag","value":{"boolValue":true}}]},
            {"traceId":"0102030405060708090a0b0c0d0e0f10","spanId":"0102030405060709","name":"execute_tool grep","startTimeUnixNano":"1795673002000000000","endTimeUnixNano":"1795673002100000000",
             "status":{"code":2,"message":"exit 2"},
             "attributes":[{"key":"gen_ai.operation.name","value":{"stringValue":"execute_tool"}},{"key":"gen_ai.tool.name","value":{"stringValue":"grep"}},
               {"key":"gen_ai.tool.call.arguments","value":{"stringValue":"{\"q\":\"x\"}"}},{"key":"gen_ai.conversation.id","value":{"stringValue":"conv-1"}}]},
            {"traceId":"0102030405060708090a0b0c0d0e0f10","spanId":"010203040506070a","name":"invoke_agent","attributes":[]}]}]}]}
        """;

    [Fact]
    public void MapTraces_GenAiSpans_BecomeModelResponseAndToolResult()
    {
        var records = FixtureMapping.Mapper().MapTraces(OtlpJsonDecoder.Decode<ExportTraceServiceRequest>(Encoding.UTF8.GetBytes(Spans)), new OtlpIngestContext("ws"));

        Assert.Equal(3, records.Count);
        var chat = records[0];
        Assert.Equal(RecordKind.ModelResponse, chat.Kind);
        Assert.Equal(new TokenUsage(120, 100, 30, 0), chat.Usage);
        Assert.Equal("gpt-9", chat.Model);
        Assert.Equal("conv-1", chat.SessionId);
        Assert.Equal(1500, chat.DurationMs);
        Assert.Equal("u-42", chat.Actor.ExternalId);
        Assert.Equal(Agent.Unknown, chat.Agent);
        Assert.Equal(ClientId.UnknownDefault, chat.ClientId);
        Assert.True((bool)chat.Attributes!["attributes"]!["custom.flag"]!);
        var tool = records[1];
        Assert.Equal(RecordKind.ToolResult, tool.Kind);
        Assert.Equal("grep", tool.ToolName);
        Assert.Equal("{\"q\":\"x\"}", tool.ToolInput);
        Assert.Equal("failure", tool.Status);
        Assert.Equal("exit 2", tool.Error);
        Assert.Equal(RecordKind.Other, records[2].Kind);
        Assert.Equal(FixtureMapping.ReceivedAt, records[2].OccurredAt);
    }

    [Theory]
    [InlineData("", 50)]
    [InlineData("\"traceId\":\"0102030405060708090a0b0c0d0e0f10\",\"spanId\":\"0102030405060708\",", 0)]
    public void MapLogs_InferenceDetailsEvent_CountsTokensOnlyOutsideASpan(string spanContext, long expectedInput)
    {
        var json = "{\"resourceLogs\":[{\"scopeLogs\":[{\"logRecords\":[{" + spanContext +
                   "\"eventName\":\"gen_ai.client.inference.operation.details\",\"attributes\":[{\"key\":\"gen_ai.usage.input_tokens\",\"value\":{\"intValue\":50}}]}]}]}]}";

        var records = FixtureMapping.Mapper().MapLogs(OtlpJsonDecoder.Decode<ExportLogsServiceRequest>(Encoding.UTF8.GetBytes(json)), new OtlpIngestContext("ws"));

        var record = Assert.Single(records);
        Assert.Equal(RecordKind.ModelResponse, record.Kind);
        Assert.Equal(expectedInput, record.Usage.InputTokens);
    }
}
