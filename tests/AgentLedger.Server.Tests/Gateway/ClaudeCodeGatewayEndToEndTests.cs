using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AgentLedger.Core.Keys;
using AgentLedger.Server.Tests.EndToEnd;
using AgentLedger.Server.Tests.Ingestion.Otlp;
using AgentLedger.Server.Tests.Testing;

namespace AgentLedger.Server.Tests.Gateway;

/// <summary>
/// The real Claude Code CLI (npm <c>@anthropic-ai/claude-code@2.1.328</c>) with <c>ANTHROPIC_BASE_URL</c> at the
/// AgentLedger gateway and its AgentLedger key as <c>ANTHROPIC_API_KEY</c>, exporting OTLP to the same AgentLedger.
/// </summary>
public sealed class ClaudeCodeGatewayEndToEndTests(GatewayFixture server) : IClassFixture<GatewayFixture>
{
    private const string Prompt = "Run echo hello in the shell and tell me what it prints.";

    [Fact]
    public async Task ClaudePrint_ThroughTheGateway_TranscriptHoldsPromptFullResponseAndToolCallInOneSession()
    {
        var claude = AgentCli.Require("claude", "@anthropic-ai/claude-code@2.1.328");
        var ws = await server.NewWorkspaceAsync(ApiKeyScope.Ingest | ApiKeyScope.ComplianceRead);
        var gatewayKey = await server.GatewayKeyAsync(ws.Id, "dev.claude@example.com");
        var before = server.Anthropic.Requests.Count;

        var (exit, stdout, stderr) = await RunClaudeAsync(claude, ws, gatewayKey, Prompt);

        Assert.True(exit == 0, $"claude exited {exit}: {stdout} {stderr}");
        Assert.Contains("The command printed `hello`.", stdout, StringComparison.Ordinal);
        var forwarded = server.Anthropic.Requests.Skip(before).ToList();
        Assert.True(forwarded.Count >= 2, $"{forwarded.Count} requests reached the stub");
        Assert.All(forwarded, r => Assert.Equal(GatewayFixture.AnthropicUpstreamKey, r.Headers["x-api-key"]));
        var records = await FeedPolling.WaitForAsync(ws, r =>
            r.Any(x => (string?)x["source"] == "gateway" && (string?)x["response_text"] == "The command printed `hello`.")
            && r.Any(x => (string?)x["source"] == "otlp" && (string?)x["kind"] == "user.prompt")
            && r.Any(x => (string?)x["source"] == "otlp" && (string?)x["kind"] == "tool.result"));

        var otlpPrompt = Assert.Single(records, r => (string?)r["source"] == "otlp" && (string?)r["kind"] == "user.prompt");
        var session = (string)otlpPrompt["session_id"]!;
        var gatewayRecords = records.Where(r => (string?)r["source"] == "gateway" && (string?)r["attributes"]?["gateway"]?["api"] == "anthropic.messages").ToList();
        Assert.NotEmpty(gatewayRecords);
        Assert.All(gatewayRecords, r => Assert.Equal(session, (string?)r["session_id"]));
        Assert.All(gatewayRecords, r => Assert.Equal("claude_code", (string?)r["agent"]));
        Assert.All(gatewayRecords, r => Assert.Equal("2.1.328", (string?)r["client_version"]));

        var transcript = await (await ws.Client().GetAsync($"/api/v1/compliance/sessions/{session}")).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonObject>();
        var items = transcript!["items"]!.AsArray().Select(i => i!.AsObject()).ToList();
        var gatewayIds = gatewayRecords.Select(r => (string?)r["id"]).ToHashSet();
        var prompt = Assert.Single(items, i => (string?)i["kind"] == "user.prompt" && gatewayIds.Contains((string?)i["id"]));
        Assert.Equal(Prompt, (string?)prompt["prompt_text"]);
        var responses = items.Where(i => (string?)i["kind"] == "model.response" && gatewayIds.Contains((string?)i["id"])).Select(i => (string?)i["response_text"]).ToList();
        Assert.Contains("I'll run that command.", responses);
        Assert.Contains("The command printed `hello`.", responses);
        var call = Assert.Single(items, i => (string?)i["kind"] == "tool.call");
        Assert.Equal("Bash", (string?)call["tool_name"]);
        Assert.Equal("echo hello", (string?)JsonNode.Parse((string)call["tool_input"]!)!["command"]);
        var sentBack = Assert.Single(items, i => (string?)i["kind"] == "tool.result" && gatewayIds.Contains((string?)i["id"]));
        Assert.Equal("Bash", (string?)sentBack["tool_name"]);
        Assert.Contains("hello", (string?)sentBack["tool_output"], StringComparison.Ordinal);
        Assert.Contains(items, i => (string?)i["kind"] == "tool.result" && !gatewayIds.Contains((string?)i["id"]));
    }

    [Fact]
    public async Task ClaudePrint_PromptWithAwsKey_IsBlockedBeforeTheUpstreamAndClaudePrintsThePolicy()
    {
        var claude = AgentCli.Require("claude", "@anthropic-ai/claude-code@2.1.328");
        var ws = await server.NewWorkspaceAsync(ApiKeyScope.Ingest | ApiKeyScope.ComplianceRead);
        var gatewayKey = await server.GatewayKeyAsync(ws.Id, "dev.claude@example.com");
        var before = server.Anthropic.Requests.Count;

        var (exit, stdout, stderr) = await RunClaudeAsync(claude, ws, gatewayKey,
            "My AWS key is AKIAIOSFODNN7EXAMPLE - is it OK to put it in the repo config?");

        Assert.NotEqual(0, exit);
        Assert.Contains("AgentLedger blocked this request", stdout + stderr, StringComparison.Ordinal);
        Assert.Contains("aws-access-key-id", stdout + stderr, StringComparison.Ordinal);
        Assert.Empty(server.Anthropic.Requests.Skip(before));
        var records = await FeedPolling.WaitForAsync(ws, r => r.Any(x => (string?)x["source"] == "gateway" && (string?)x["status"] == "blocked"));
        // Claude Code makes several attempts (its main loop and fallbacks), each carrying the prompt; each is refused.
        var errors = records.Where(r => (string?)r["source"] == "gateway" && (string?)r["kind"] == "api.error").ToList();
        Assert.NotEmpty(errors);
        Assert.All(errors, e => Assert.Equal("blocked", (string?)e["status"]));
        Assert.All(errors, e => Assert.Contains("aws-access-key-id", (string?)e["error"], StringComparison.Ordinal));
        Assert.DoesNotContain(records, r => ((string?)r["prompt_text"])?.Contains("AKIAIOSFODNN7EXAMPLE", StringComparison.Ordinal) == true);
    }

    private async Task<(int Exit, string Stdout, string Stderr)> RunClaudeAsync(string claude, TestWorkspace ws, string gatewayKey, string prompt)
    {
        var home = Directory.CreateTempSubdirectory("claude-gw-home-");
        var work = Directory.CreateTempSubdirectory("claude-gw-work-");
        try
        {
            var environment = AgentCli.LoopbackOnly(server.Scripted.BaseAddress);
            environment["HOME"] = home.FullName;
            environment["CLAUDE_CONFIG_DIR"] = Path.Combine(home.FullName, ".claude");
            environment["ANTHROPIC_BASE_URL"] = GatewayFixture.Root(server.BaseAddress) + "/gateway/anthropic";
            environment["ANTHROPIC_API_KEY"] = gatewayKey;
            environment["CLAUDE_CODE_ENABLE_TELEMETRY"] = "1";
            environment["OTEL_LOGS_EXPORTER"] = "otlp";
            environment["OTEL_METRICS_EXPORTER"] = "otlp";
            environment["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/json";
            environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = GatewayFixture.Root(server.BaseAddress);
            environment["OTEL_EXPORTER_OTLP_HEADERS"] = "Authorization=Bearer " + ws.Key;
            environment["OTEL_LOG_USER_PROMPTS"] = "1";
            environment["OTEL_LOG_TOOL_DETAILS"] = "1";
            environment["OTEL_METRIC_EXPORT_INTERVAL"] = "1000";
            environment["OTEL_LOGS_EXPORT_INTERVAL"] = "1000";
            environment["CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC"] = "1";
            environment["DISABLE_AUTOUPDATER"] = "1";
            environment["CLAUDE_CODE_MAX_RETRIES"] = "1";
            return await AgentCli.RunAsync(claude, ["-p", prompt, "--allowedTools", "Bash(echo:*)"], work.FullName, environment, TimeSpan.FromMinutes(3));
        }
        finally
        {
            home.Delete(recursive: true);
            work.Delete(recursive: true);
        }
    }
}
