using AgentLedger.Core.Records;
using Xunit;

namespace AgentLedger.Otlp.Tests.Mapping;

/// <summary>Golden tests over the real Claude Code 2.1 captures (see Fixtures/claude-code/README.md).</summary>
public sealed class ClaudeCodeMappingTests
{
    private const string DeviceUser = "7b9d7708550e8c68467adca692eee7e027385fc7f173715585ebdc48da20c213";

    [Theory]
    [InlineData("claude-code/json", 43118, 225, "0.109388")]
    [InlineData("claude-code/protobuf", 43123, 227, "0.109448")]
    public void MapLogs_SevenPrompts_YieldPromptsRequestsToolsAndCost(string dir, long input, long output, string cost)
    {
        var records = FixtureMapping.MapAll(dir, "logs");

        Assert.Equal(64, records.Count);
        Assert.Equal(7, records.Count(RecordKind.UserPrompt));
        Assert.Equal(10, records.Count(RecordKind.ModelRequest));
        Assert.Equal(10, records.Count(RecordKind.ModelResponse));
        Assert.Equal(4, records.Count(RecordKind.ToolDecision));
        Assert.Equal(3, records.Count(RecordKind.ToolResult));
        Assert.Equal(1, records.Count(RecordKind.ApiError));
        Assert.Equal(29, records.Count(RecordKind.Other));
        // Anthropic input excludes cache reads (2048) and writes (1024) per request; canonical input includes them.
        Assert.Equal(new TokenUsage(input, 20480, output, 0), records.TotalUsage());
        // The CLI computes cost in binary floating point (e.g. 0.010629599999999999); it is kept as sent.
        Assert.Equal(decimal.Parse(cost, System.Globalization.CultureInfo.InvariantCulture), decimal.Round(records.Sum(r => r.CostUsd ?? 0), 6));
        Assert.All(records, r =>
        {
            Assert.Equal(Agent.ClaudeCode, r.Agent);
            Assert.Equal(ClientId.ClaudeCodeCli, r.ClientId);
            Assert.Equal("2.1.328", r.ClientVersion);
            Assert.Equal(DeviceUser, r.Actor.ExternalId);
            Assert.NotNull(r.SessionId);
        });
        Assert.Equal(7, records.Where(r => r.Kind == RecordKind.UserPrompt).Select(r => r.TurnId).Distinct().Count());
        Assert.Contains(records, r => r.Kind == RecordKind.UserPrompt && r.PromptText == "이 저장소가 무엇을 하는지 한 문장으로 설명해 주세요.");
        Assert.All(records.Where(r => r.Kind == RecordKind.ModelRequest), r => Assert.Equal("claude-opus-5-5", r.Model));
    }

    [Fact]
    public void MapLogs_FirstSession_TiesRequestsAndToolsToThePromptTurn()
    {
        var records = FixtureMapping.Map("claude-code/json/0001-logs.json");

        var prompt = Assert.Single(records, r => r.Kind == RecordKind.UserPrompt);
        Assert.Equal("Run echo hello in the shell and tell me what it prints.", prompt.PromptText);
        Assert.Equal("b74c5f84-d3af-4ea3-8a1b-5c9ceda449bc", prompt.TurnId);
        Assert.False(prompt.Attributes!["attributes"]!.AsObject().ContainsKey("prompt_text"));
        var request = records.First(r => r.Kind == RecordKind.ModelRequest);
        Assert.Equal(prompt.TurnId, request.TurnId);
        Assert.Equal(new TokenUsage(1232 + 2048 + 1024, 2048, 19, 0), request.Usage);
        Assert.Equal(0.0108376m, request.CostUsd);
        Assert.Equal(100, request.DurationMs);
        var response = records.First(r => r.Kind == RecordKind.ModelResponse);
        Assert.Equal("I'll run that command.", response.ResponseText);
        var tool = Assert.Single(records, r => r.Kind == RecordKind.ToolResult);
        Assert.Equal("Bash", tool.ToolName);
        Assert.Equal(89, tool.DurationMs);
        Assert.Contains("echo hello", tool.ToolInput, StringComparison.Ordinal);
        Assert.Equal("success", tool.Status);
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 6, 4, 6, 678, TimeSpan.Zero), prompt.OccurredAt);
    }

    [Fact]
    public void MapLogs_RejectedTool_IsADecisionWithoutResult()
    {
        var records = FixtureMapping.MapAll("claude-code/json", "logs");

        var rejected = Assert.Single(records, r => r.Kind == RecordKind.ToolDecision && r.Status == "reject");
        Assert.Equal("Bash", rejected.ToolName);
        Assert.Contains("touch denied.txt", rejected.ToolInput, StringComparison.Ordinal);
    }

    [Fact]
    public void MapLogs_Overloaded_IsOneErrorNotTwo()
    {
        var records = FixtureMapping.MapAll("claude-code/json", "logs");

        var error = Assert.Single(records, r => r.Kind == RecordKind.ApiError);
        Assert.Equal("Repeated 529 Overloaded errors", error.Error);
        var exhausted = Assert.Single(records, r => r.Attributes!["event_name"]?.GetValue<string>() == "claude_code.api_retries_exhausted");
        Assert.Equal(RecordKind.Other, exhausted.Kind);
        Assert.Null(exhausted.Error);
    }

    [Fact]
    public void MapLogs_PromptsNotLogged_LeavesContentEmpty()
    {
        var records = FixtureMapping.MapAll("claude-code/json-noprompts", "logs");

        Assert.Equal(2, records.Count(RecordKind.UserPrompt));
        Assert.All(records, r =>
        {
            Assert.Null(r.PromptText);
            Assert.Null(r.ResponseText);
        });
        Assert.All(records.Where(r => r.Kind == RecordKind.UserPrompt), r => Assert.Equal("<REDACTED>", (string?)r.Attributes!["attributes"]!["prompt"]));
        Assert.Equal(new TokenUsage(12923, 6144, 55, 0), records.TotalUsage());
    }

    [Fact]
    public void MapMetrics_TokenAndCostPoints_AgreeWithTheLogsAndCountNothing()
    {
        var logs = FixtureMapping.Map("claude-code/json-disable-telemetry/0001-logs.json");
        var metrics = FixtureMapping.Map("claude-code/json-disable-telemetry/0002-metrics.json");

        Assert.All(metrics, r =>
        {
            Assert.Equal(RecordKind.Other, r.Kind);
            Assert.True(r.Usage.IsEmpty);
            Assert.Null(r.CostUsd);
        });
        double Point(string name, string? type = null) => metrics
            .Where(r => (string?)r.Attributes!["metric"]!["name"] == name && (type is null || (string?)r.Attributes["attributes"]!["type"] == type))
            .Sum(r => (double)r.Attributes!["metric"]!["point"]!["value"]!);
        var usage = logs.TotalUsage();
        Assert.Equal(usage.CachedInputTokens, Point("claude_code.token.usage", "cacheRead"));
        Assert.Equal(usage.OutputTokens, Point("claude_code.token.usage", "output"));
        Assert.Equal(usage.InputTokens, Point("claude_code.token.usage", "input") + Point("claude_code.token.usage", "cacheRead") + Point("claude_code.token.usage", "cacheCreation"));
        Assert.Equal((double)logs.Sum(r => r.CostUsd ?? 0), Point("claude_code.cost.usage"), 6);
        Assert.All(metrics, r => Assert.Equal(DeviceUser, r.Actor.ExternalId));
    }

    [Fact]
    public void MapMetrics_Cumulative_KeepsTemporality()
    {
        var records = FixtureMapping.Map("claude-code/json-cumulative/0002-metrics.json");

        Assert.NotEmpty(records);
        Assert.All(records, r => Assert.Equal("cumulative", (string?)r.Attributes!["metric"]!["temporality"]));
    }

    [Fact]
    public void MapTraces_EnhancedTelemetry_KeepsSpansWithoutCounting()
    {
        var records = FixtureMapping.Map("claude-code/json-full/0001-traces.json");

        Assert.Equal(6, records.Count);
        Assert.All(records, r =>
        {
            Assert.Equal(Agent.ClaudeCode, r.Agent);
            Assert.True(r.Usage.IsEmpty);
            Assert.NotNull(r.SessionId);
        });
        Assert.Contains(records, r => (string?)r.Attributes!["span"]!["name"] == "claude_code.llm_request");
    }

    [Fact]
    public void MapLogs_GzipCapture_SameRecordsAsItsGunzippedBody()
    {
        var fromGzip = FixtureMapping.Map("claude-code/protobuf-gzip/0001-logs.pb.gz");
        var fromPb = FixtureMapping.Map("claude-code/protobuf-gzip/0001-logs.pb");

        Assert.Equal(fromPb.Select(r => r.EventId), fromGzip.Select(r => r.EventId));
        Assert.Equal(1, fromGzip.Count(RecordKind.UserPrompt));
        Assert.Equal(new TokenUsage(8618, 4096, 26, 0), fromGzip.TotalUsage());
    }
}
