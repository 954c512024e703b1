using AgentLedger.Core.Records;
using Xunit;

namespace AgentLedger.Otlp.Tests.Mapping;

/// <summary>Golden tests over the real Codex CLI 0.169 captures (see Fixtures/codex/README.md).</summary>
public sealed class CodexMappingTests
{
    [Theory]
    [InlineData("codex/run1-json-echo", 19844, 9921, 17)]
    [InlineData("codex/run4-binary-echo", 19844, 9921, 17)]
    [InlineData("codex/run7-json-chatgpt-login", 20780, 10389, 17)]
    public void MapLogs_EchoRun_YieldsTheTurnWithTokensFromTheModel(string run, long input, long cached, long output)
    {
        var records = FixtureMapping.MapAll(run, "logs");

        Assert.Equal(25, records.Count);
        Assert.Equal(1, records.Count(RecordKind.SessionStarted));
        Assert.Equal(1, records.Count(RecordKind.UserPrompt));
        Assert.Equal(2, records.Count(RecordKind.ModelRequest));
        Assert.Equal(2, records.Count(RecordKind.ModelResponse));
        Assert.Equal(1, records.Count(RecordKind.ToolDecision));
        Assert.Equal(1, records.Count(RecordKind.ToolResult));
        Assert.Equal(17, records.Count(RecordKind.Other));
        Assert.Equal(new TokenUsage(input, cached, output, 0), records.TotalUsage());
        Assert.All(records, r =>
        {
            Assert.Equal(Agent.Codex, r.Agent);
            Assert.Equal(ClientId.CodexCli, r.ClientId);
            Assert.Equal(RecordSource.Otlp, r.Source);
            Assert.Equal(FixtureMapping.ReceivedAt, r.ReceivedAt);
            Assert.Equal(FixtureMapping.Workspace, r.WorkspaceId);
        });
        var prompt = Assert.Single(records, r => r.Kind == RecordKind.UserPrompt);
        Assert.Equal("Run `echo hello` in the shell and tell me what it printed.", prompt.PromptText);
        Assert.Equal("stub-model", prompt.Model);
        Assert.Equal("0.169.0", prompt.ClientVersion);
        Assert.Equal(2026, prompt.OccurredAt.Year);
        var tool = Assert.Single(records, r => r.Kind == RecordKind.ToolResult);
        Assert.Equal("exec_command", tool.ToolName);
        Assert.Contains("echo hello", tool.ToolInput, StringComparison.Ordinal);
        Assert.Contains("hello", tool.ToolOutput, StringComparison.Ordinal);
        Assert.Equal("success", tool.Status);
        Assert.Equal("approved", Assert.Single(records, r => r.Kind == RecordKind.ToolDecision).Status);
    }

    [Fact]
    public void MapLogs_EveryEvent_CarriesTheConversationAsSession()
    {
        var records = FixtureMapping.MapAll("codex/run1-json-echo", "logs");

        var named = records.Where(r => r.Attributes!["event_name"] is not null).ToList();
        Assert.Equal(24, named.Count);
        Assert.All(named, r => Assert.Equal("01a21673-8927-7001-a2c8-3d41562146a7", r.SessionId));
    }

    [Fact]
    public void MapLogs_ChatGptLogin_IdentifiesTheUser()
    {
        var records = FixtureMapping.MapAll("codex/run7-json-chatgpt-login", "logs");

        var identified = records.Where(r => !r.Actor.IsEmpty).ToList();
        Assert.Equal(24, identified.Count);
        Assert.All(identified, r =>
        {
            Assert.Equal("dev.fixture@example.com", r.Actor.Email);
            Assert.Equal("00000000-0000-4000-8000-00000000acc7", r.Actor.AccountId);
        });
    }

    [Fact]
    public void MapLogs_ApiKeyRun_HasNoUser()
    {
        var records = FixtureMapping.MapAll("codex/run1-json-echo", "logs");

        Assert.All(records, r => Assert.True(r.Actor.IsEmpty));
    }

    [Fact]
    public void MapLogs_PromptNotLogged_KeepsTheMarkerOutOfPromptText()
    {
        var records = FixtureMapping.MapAll("codex/run6-json-redacted-notool", "logs");

        var prompt = Assert.Single(records, r => r.Kind == RecordKind.UserPrompt);
        Assert.Null(prompt.PromptText);
        Assert.Equal("[REDACTED]", (string?)prompt.Attributes!["attributes"]!["prompt"]);
        Assert.Equal(0, records.Count(RecordKind.ToolResult));
        Assert.Equal(new TokenUsage(9881, 4940, 6, 0), records.TotalUsage());
    }

    [Fact]
    public void MapLogs_LiftedPrompt_IsStoredOnceAndItsOriginRecorded()
    {
        var records = FixtureMapping.Map("codex/run2-json-secret/logs-0001.json");

        var prompt = Assert.Single(records, r => r.Kind == RecordKind.UserPrompt);
        Assert.Contains("AKIAIOSFODNN7EXAMPLE", prompt.PromptText, StringComparison.Ordinal);
        Assert.False(prompt.Attributes!["attributes"]!.AsObject().ContainsKey("prompt"));
        Assert.Equal("prompt_text", (string?)prompt.Attributes["content_fields"]!["prompt"]);
        Assert.True(prompt.Attributes["attributes"]!.AsObject().ContainsKey("prompt_length"));
    }

    [Fact]
    public void MapLogs_UnknownAndDebugRecords_AreKeptWithEverything()
    {
        var records = FixtureMapping.MapAll("codex/run1-json-echo", "logs");

        var debug = Assert.Single(records, r => r.Attributes!["event_name"] is null);
        Assert.Equal(RecordKind.Other, debug.Kind);
        Assert.Equal("flushing OTEL metrics", (string?)debug.Attributes!["log"]!["body"]);
        Assert.Equal("DEBUG", (string?)debug.Attributes["log"]!["severity_text"]);
        Assert.Equal("codex_otel::metrics::client", (string?)debug.Attributes["scope"]!["name"]);
        var start = Assert.Single(records, r => r.Kind == RecordKind.SessionStarted);
        Assert.Equal("danger-full-access", (string?)start.Attributes!["attributes"]!["sandbox_policy"]);
        Assert.Equal("codex_exec", (string?)start.Attributes["resource"]!["attributes"]!["service.name"]);
        Assert.Equal("fixture-capture", (string?)start.Attributes["resource"]!["attributes"]!["env"]);
    }

    [Fact]
    public void MapMetrics_DeltaPoints_AreKeptAndCountNoTokens()
    {
        var records = FixtureMapping.Map("codex/run1-json-echo/metrics-0004.json");

        Assert.Equal(184, records.Count);
        Assert.All(records, r =>
        {
            Assert.Equal(RecordKind.Other, r.Kind);
            Assert.True(r.Usage.IsEmpty);
            Assert.Equal(Agent.Codex, r.Agent);
            Assert.Equal("delta", (string?)r.Attributes!["metric"]!["temporality"] ?? "delta");
        });
        var tokens = records.Where(r => (string?)r.Attributes!["metric"]!["name"] == "codex.turn.token_usage").ToList();
        Assert.NotEmpty(tokens);
        Assert.Equal("histogram", (string?)tokens[0].Attributes!["metric"]!["type"]);
    }

    [Fact]
    public void MapTraces_Spans_CarryTurnAndSessionButNoTokens()
    {
        var records = FixtureMapping.Map("codex/run1-json-echo/traces-0002.json");

        Assert.Equal(512, records.Count);
        Assert.All(records, r => Assert.True(r.Usage.IsEmpty));
        Assert.Contains(records, r => r.TurnId is not null && r.SessionId == "01a21673-8927-7001-a2c8-3d41562146a7");
        var responses = Assert.Single(records.Where(r => (string?)r.Attributes!["span"]!["name"] == "handle_responses").Take(1));
        Assert.True(responses.DurationMs >= 0);
        Assert.Equal(32, ((string?)responses.Attributes!["span"]!["trace_id"])!.Length);
    }
}
