using AgentLedger.Server.Tests.Ingestion.Otlp;
using AgentLedger.Server.Tests.Testing;

namespace AgentLedger.Server.Tests.EndToEnd;

/// <summary>
/// The real Claude Code CLI (npm <c>@anthropic-ai/claude-code@2.1.328</c>) runs a prompt against a stub
/// Messages API and exports OTLP to a real AgentLedger, authenticated with an ingest key in
/// <c>OTEL_EXPORTER_OTLP_HEADERS</c>; the session, prompt, tool call and tokens are read back from the feed.
/// </summary>
public sealed class ClaudeCodeEndToEndTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private const string Prompt = "Run echo hello in the shell and tell me what it prints.";

    [Theory]
    [InlineData("http/protobuf", null)]
    [InlineData("http/json", "gzip")]
    public async Task ClaudePrint_ExportingToAgentLedger_IsFoundThroughTheRecordFeed(string protocol, string? compression)
    {
        var claude = AgentCli.Require("claude", "@anthropic-ai/claude-code@2.1.328");
        await using var model = await StubAnthropicServer.StartAsync();
        var ws = await server.NewWorkspaceAsync();
        var home = Directory.CreateTempSubdirectory("claude-home-");
        var work = Directory.CreateTempSubdirectory("claude-work-");
        try
        {
            var environment = AgentCli.LoopbackOnly(model.BaseAddress);
            environment["HOME"] = home.FullName;
            environment["CLAUDE_CONFIG_DIR"] = Path.Combine(home.FullName, ".claude");
            environment["ANTHROPIC_BASE_URL"] = model.BaseAddress.GetLeftPart(UriPartial.Authority);
            environment["ANTHROPIC_API_KEY"] = "sk-ant-test";
            environment["CLAUDE_CODE_ENABLE_TELEMETRY"] = "1";
            environment["OTEL_LOGS_EXPORTER"] = "otlp";
            environment["OTEL_METRICS_EXPORTER"] = "otlp";
            environment["OTEL_EXPORTER_OTLP_PROTOCOL"] = protocol;
            environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = server.BaseAddress.GetLeftPart(UriPartial.Authority);
            environment["OTEL_EXPORTER_OTLP_HEADERS"] = "Authorization=Bearer " + ws.Key;
            environment["OTEL_LOG_USER_PROMPTS"] = "1";
            environment["OTEL_LOG_TOOL_DETAILS"] = "1";
            environment["OTEL_METRIC_EXPORT_INTERVAL"] = "1000";
            environment["OTEL_LOGS_EXPORT_INTERVAL"] = "1000";
            environment["CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC"] = "1";
            environment["DISABLE_AUTOUPDATER"] = "1";
            if (compression is not null)
            {
                environment["OTEL_EXPORTER_OTLP_COMPRESSION"] = compression;
            }

            var (exit, stdout, stderr) = await AgentCli.RunAsync(claude,
                ["-p", Prompt, "--allowedTools", "Bash(echo:*)"], work.FullName, environment, TimeSpan.FromMinutes(3));

            Assert.True(exit == 0, $"claude exited {exit}: {stdout} {stderr}");
            var records = await FeedPolling.WaitForAsync(ws, r => r.CountKind("tool.result") == 1 && r.CountKind("model.request") == model.ReportedUsage.Count);

            var prompt = Assert.Single(records, r => (string?)r["kind"] == "user.prompt");
            Assert.Equal(Prompt, (string?)prompt["prompt_text"]);
            var session = (string?)prompt["session_id"];
            Assert.False(string.IsNullOrEmpty(session));
            Assert.Equal("claude_code", (string?)prompt["agent"]);
            Assert.Equal("2.1.328", (string?)prompt["client_version"]);
            Assert.False(string.IsNullOrEmpty((string?)prompt["user_id"]));
            var tool = Assert.Single(records, r => (string?)r["kind"] == "tool.result");
            Assert.Equal("Bash", (string?)tool["tool_name"]);
            Assert.Contains("echo hello", (string?)tool["tool_input"], StringComparison.Ordinal);
            Assert.Equal(session, (string?)tool["session_id"]);
            Assert.Equal((string?)prompt["turn_id"], (string?)tool["turn_id"]);
            var reported = model.ReportedUsage.ToList();
            var calls = reported.Count;
            Assert.Equal(
                (reported.Sum(u => u.Input) + (calls * (StubAnthropicServer.CacheRead + StubAnthropicServer.CacheWrite)), calls * StubAnthropicServer.CacheRead, reported.Sum(u => u.Output), 0L),
                records.Tokens());
            Assert.Contains(records, r => (string?)r["attributes"]?["otlp.signal"] == "metrics");
        }
        finally
        {
            home.Delete(recursive: true);
            work.Delete(recursive: true);
        }
    }
}
