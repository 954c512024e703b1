using AgentLedger.Core.Records;
using Xunit;

namespace AgentLedger.Otlp.Tests.Mapping;

/// <summary>Golden tests over the real Gemini CLI 0.61 captures (see Fixtures/gemini-cli/README.md).</summary>
public sealed class GeminiCliMappingTests
{
    private const string Installation = "5e044ce2-eb22-4cd9-abbe-8ab4d4369fb8";

    [Theory]
    [InlineData("gemini-cli/captures/01-http-shell-tool", "676d6abc-b73e-4b75-90d2-78de30c7b36e", 576, 287, 96, 20)]
    [InlineData("gemini-cli/captures/07-grpc-shell-tool", "39279fde-2310-4796-9c6c-d5f3e2831d55", 603, 301, 96, 20)]
    public void MapLogs_ShellToolRun_YieldsPromptCallsToolAndTokens(string run, string session, long input, long cached, long output, long reasoning)
    {
        var records = FixtureMapping.MapAll(run, "logs");

        Assert.Equal(19, records.Count);
        Assert.Equal(1, records.Count(RecordKind.SessionStarted));
        Assert.Equal(1, records.Count(RecordKind.UserPrompt));
        Assert.Equal(3, records.Count(RecordKind.ModelRequest));
        Assert.Equal(3, records.Count(RecordKind.ModelResponse));
        Assert.Equal(1, records.Count(RecordKind.ToolResult));
        Assert.Equal(10, records.Count(RecordKind.Other));
        // Thoughts are counted apart by Gemini and added into output (and reported as reasoning).
        Assert.Equal(new TokenUsage(input, cached, output, reasoning), records.TotalUsage());
        Assert.All(records, r =>
        {
            Assert.Equal(Agent.GeminiCli, r.Agent);
            Assert.Equal(ClientId.GeminiCli, r.ClientId);
            Assert.Equal(session, r.SessionId);
            Assert.Equal(Installation, r.Actor.ExternalId);
            // service.version is the Node.js version, never the CLI's.
            Assert.Null(r.ClientVersion);
        });
        var prompt = Assert.Single(records, r => r.Kind == RecordKind.UserPrompt);
        Assert.Equal("Run `echo hello` in the shell and tell me what it printed.", prompt.PromptText);
        var tool = Assert.Single(records, r => r.Kind == RecordKind.ToolResult);
        Assert.Equal("run_shell_command", tool.ToolName);
        Assert.Contains("echo hello", tool.ToolInput, StringComparison.Ordinal);
        Assert.Equal("success", tool.Status);
        Assert.Equal("accept", (string?)tool.Attributes!["attributes"]!["decision"]);
        Assert.All(records.Where(r => r.Kind == RecordKind.ModelResponse), r => Assert.NotNull(r.ResponseText));
        Assert.Equal(["gemini-3.5-flash-lite", "gemini-3.8-flash", "gemini-3.8-flash"], records.Where(r => r.Kind == RecordKind.ModelResponse).Select(r => r.Model));
    }

    [Fact]
    public void MapLogs_InferenceDetailsEvents_RepeatTheCallsAndCountNothing()
    {
        var records = FixtureMapping.Map("gemini-cli/captures/01-http-shell-tool/0001-logs.json");

        var details = records.Where(r => (string?)r.Attributes!["event_name"] == "gen_ai.client.inference.operation.details").ToList();
        Assert.Equal(6, details.Count);
        Assert.All(details, r =>
        {
            Assert.Equal(RecordKind.Other, r.Kind);
            Assert.True(r.Usage.IsEmpty);
        });
    }

    [Fact]
    public void MapLogs_ApiError_IsAnErrorWithItsMessage()
    {
        var records = FixtureMapping.MapAll("gemini-cli/captures/06-http-api-error", "logs");

        var error = Assert.Single(records, r => r.Kind == RecordKind.ApiError);
        Assert.False(string.IsNullOrEmpty(error.Error));
        Assert.Equal("400", error.Status);
        Assert.NotNull(error.Model);
    }

    [Fact]
    public void MapMetricsAndTraces_AreKeptAndCountNothing()
    {
        var metrics = FixtureMapping.Map("gemini-cli/captures/01-http-shell-tool/0002-metrics.json");
        var spans = FixtureMapping.Map("gemini-cli/captures/01-http-shell-tool/0003-traces.json");

        Assert.Equal(32, metrics.Count);
        Assert.Equal(5, spans.Count);
        Assert.All(metrics.Concat(spans), r =>
        {
            Assert.Equal(Agent.GeminiCli, r.Agent);
            Assert.True(r.Usage.IsEmpty);
            Assert.Equal("676d6abc-b73e-4b75-90d2-78de30c7b36e", r.SessionId);
        });
        Assert.All(metrics, r => Assert.Equal("cumulative", (string?)r.Attributes!["metric"]!["temporality"] ?? "cumulative"));
    }
}
