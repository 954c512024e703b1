using System.Text.Json.Nodes;
using AgentLedger.Core.Gateway;
using AgentLedger.Core.Metrics;
using AgentLedger.Core.Records;

namespace AgentLedger.Core.Tests.Gateway;

public sealed class GatewayAccountingTests
{
    [Theory]
    [InlineData(GatewayAccounting.Telemetry, 0, 0)]
    [InlineData(GatewayAccounting.Gateway, 1, 120)]
    public void Rollup_GatewayRecords_CountOnlyWhenTheGatewayOwnsAccounting(GatewayAccounting accounting, long turns, long input)
    {
        var records = GatewayRecordMapper.Map(Exchange(accounting));
        var accumulator = new UsageRollupAccumulator();
        foreach (var record in records)
        {
            accumulator.Add(record with { UserId = "u1" }, startsThread: record.Kind == RecordKind.UserPrompt);
        }

        Assert.Equal(turns, accumulator.Rows.Sum(r => r.Value.Turns));
        Assert.Equal(input, accumulator.Rows.Sum(r => r.Value.InputTokens));
        Assert.Equal(1, accumulator.Rows.Sum(r => r.Value.Threads));
        Assert.Equal(records.Count, accumulator.Rows.Sum(r => r.Value.Records));
    }

    [Fact]
    public void Map_Exchange_RecordsPromptResultAnswerAndCallsInOrder()
    {
        var records = GatewayRecordMapper.Map(Exchange(GatewayAccounting.Telemetry));

        Assert.Equal([RecordKind.UserPrompt, RecordKind.ToolResult, RecordKind.ModelResponse, RecordKind.ToolCall], records.Select(r => r.Kind));
        Assert.All(records, r => Assert.Equal(("sess-1", "turn-1", RecordSource.Gateway), (r.SessionId, r.TurnId, r.Source)));
        Assert.All(records, r => Assert.Equal("alice@example.com", r.Actor.Email));
        Assert.Equal(records.Count, records.Select(r => r.EventId).Distinct().Count());
        Assert.Equal("Hello.", records[2].ResponseText);
        Assert.Equal(250, records[2].DurationMs);
        Assert.Equal(40, (long)records[2].Attributes!["gateway"]!["ttfb_ms"]!);
        Assert.Equal("Bash", records[3].ToolName);
    }

    private static GatewayExchange Exchange(GatewayAccounting accounting)
    {
        var at = new DateTimeOffset(2026, 11, 26, 10, 0, 0, TimeSpan.Zero);
        return new GatewayExchange
        {
            ExchangeId = "x1", WorkspaceId = "ws", KeyId = "k1", KeyName = "alice@example.com", Api = GatewayApi.AnthropicMessages,
            Client = new GatewayClient(Agent.ClaudeCode, ClientId.ClaudeCodeCli, "2.1.328", "sess-1", "turn-1"),
            Accounting = accounting,
            Request = new GatewayRequestView("claude-x", true, "Say hello", [new GatewayToolResult("t0", "Read", "{}", "file")]),
            Response = new GatewayResponse
            {
                Model = "claude-x", Text = "Hello.", Usage = new TokenUsage(120, 20, 8, 0),
                ToolCalls = [new GatewayToolCall("t1", "Bash", "{\"command\":\"ls\"}")],
            },
            StartedAt = at, FirstByteAt = at.AddMilliseconds(40), CompletedAt = at.AddMilliseconds(250), Status = 200,
            Notes = new JsonObject(),
        };
    }
}
