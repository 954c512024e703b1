using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AgentLedger.Core.Keys;
using AgentLedger.Server.Tests.EndToEnd;
using AgentLedger.Server.Tests.Ingestion.Otlp;
using AgentLedger.Server.Tests.Testing;

namespace AgentLedger.Server.Tests.Gateway;

/// <summary>
/// The real Codex CLI (npm <c>@openai/codex@0.169.0</c>) with its model provider pointed at the AgentLedger gateway,
/// which forwards to the Responses stub, and its OTLP exporters pointed at AgentLedger. The Compliance API's session
/// transcript then holds the prompt, the full response text (which Codex's own telemetry never exports) and the tool
/// call, from gateway and OTLP records of one session.
/// </summary>
public sealed class CodexGatewayEndToEndTests(GatewayFixture server) : IClassFixture<GatewayFixture>
{
    private const string Prompt = "Run `echo hello` in the shell and tell me what it printed.";

    [Fact]
    public async Task CodexExec_ThroughTheGateway_TranscriptHoldsPromptFullResponseAndToolCallInOneSession()
    {
        var codex = AgentCli.Require("codex", "@openai/codex@0.169.0");
        var ws = await server.NewWorkspaceAsync(ApiKeyScope.Ingest | ApiKeyScope.ComplianceRead | ApiKeyScope.AnalyticsRead);
        var gatewayKey = await server.GatewayKeyAsync(ws.Id, "dev.codex@example.com");
        var before = server.OpenAi.Requests.Count;

        var (exit, stdout, stderr) = await RunCodexAsync(codex, ws, gatewayKey, Prompt);

        Assert.True(exit == 0, $"codex exited {exit}: {stderr}");
        Assert.Contains("Done. The command printed: hello", stdout, StringComparison.Ordinal);
        var forwarded = server.OpenAi.Requests.Skip(before).Where(r => r.Path == "/v1/responses").ToList();
        Assert.Equal(2, forwarded.Count);
        Assert.All(forwarded, r => Assert.Equal("Bearer " + GatewayFixture.OpenAiUpstreamKey, r.Headers["authorization"]));
        var records = await FeedPolling.WaitForAsync(ws, r =>
            r.Any(x => (string?)x["source"] == "gateway" && (string?)x["kind"] == "model.response" && ((string?)x["response_text"])?.Contains("hello", StringComparison.Ordinal) == true)
            && r.CountKind("tool.result") >= 2 && r.Any(x => (string?)x["source"] == "otlp" && (string?)x["kind"] == "user.prompt")
            && r.Count(x => (string?)x["source"] == "otlp" && (long?)x["usage"]?["input_tokens"] > 0) >= 2);

        var otlpPrompt = Assert.Single(records, r => (string?)r["source"] == "otlp" && (string?)r["kind"] == "user.prompt");
        var session = (string)otlpPrompt["session_id"]!;
        var gatewayRecords = records.Where(r => (string?)r["source"] == "gateway").ToList();
        Assert.NotEmpty(gatewayRecords);
        Assert.All(gatewayRecords, r => Assert.Equal(session, (string?)r["session_id"]));
        // Codex's prompt event has no turn id, but its spans do; the gateway's turn (from x-codex-turn-metadata) is that turn.
        var turn = (string?)gatewayRecords[0]["turn_id"];
        Assert.False(string.IsNullOrEmpty(turn));
        Assert.All(gatewayRecords, r => Assert.Equal(turn, (string?)r["turn_id"]));
        Assert.Contains(records, r => (string?)r["source"] == "otlp" && (string?)r["turn_id"] == turn);

        var transcript = await (await ws.Client().GetAsync($"/api/v1/compliance/sessions/{session}")).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonObject>();
        var items = transcript!["items"]!.AsArray().Select(i => i!.AsObject()).ToList();
        var prompt = Assert.Single(items, i => (string?)i["kind"] == "user.prompt" && IsGateway(records, i));
        Assert.Equal(Prompt, (string?)prompt["prompt_text"]);
        var answer = Assert.Single(items, i => (string?)i["kind"] == "model.response" && IsGateway(records, i) && i["response_text"] is not null);
        Assert.Equal("Done. The command printed: hello", (string?)answer["response_text"]);
        var call = Assert.Single(items, i => (string?)i["kind"] == "tool.call");
        Assert.Equal("exec_command", (string?)call["tool_name"]);
        Assert.Contains("echo hello", (string?)call["tool_input"], StringComparison.Ordinal);
        var sentBack = Assert.Single(items, i => (string?)i["kind"] == "tool.result" && IsGateway(records, i));
        Assert.Equal("exec_command", (string?)sentBack["tool_name"]);
        Assert.Contains("hello", (string?)sentBack["tool_output"], StringComparison.Ordinal);
        Assert.Contains(items, i => (string?)i["kind"] == "tool.result" && !IsGateway(records, i));

        // One session, counted once: the transcript's tokens are the model's, not twice the model's.
        var reported = server.OpenAi.ReportedUsage.Skip(server.OpenAi.ReportedUsage.Count - 2).ToList();
        Assert.Equal(reported.Sum(u => u.Input), (long)transcript["page_usage"]!["input_tokens"]!);
        Assert.Equal(reported.Sum(u => u.Output), (long)transcript["page_usage"]!["output_tokens"]!);
        var gatewayResponses = gatewayRecords.Where(r => (string?)r["kind"] == "model.response").ToList();
        Assert.Equal(reported.Sum(u => u.Input), gatewayResponses.Sum(r => (long)r["usage"]!["input_tokens"]!));
    }

    [Fact]
    public async Task CodexExec_PromptWithAwsKey_IsBlockedBeforeTheUpstreamAndCodexPrintsThePolicy()
    {
        var codex = AgentCli.Require("codex", "@openai/codex@0.169.0");
        var ws = await server.NewWorkspaceAsync(ApiKeyScope.Ingest | ApiKeyScope.ComplianceRead);
        var gatewayKey = await server.GatewayKeyAsync(ws.Id, "dev.codex@example.com");
        var before = server.OpenAi.Requests.Count;

        var (exit, stdout, stderr) = await RunCodexAsync(codex, ws, gatewayKey,
            "My AWS access key is AKIAIOSFODNN7EXAMPLE. Put it in the deploy config.");

        Assert.NotEqual(0, exit);
        Assert.Contains("AgentLedger blocked this request", stdout + stderr, StringComparison.Ordinal);
        Assert.Contains("aws-access-key-id", stdout + stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(server.OpenAi.Requests.Skip(before), r => r.Body.Contains("AKIAIOSFODNN7EXAMPLE", StringComparison.Ordinal));
        Assert.DoesNotContain(server.OpenAi.Requests.Skip(before), r => r.Path == "/v1/responses");
        var records = await FeedPolling.WaitForAsync(ws, r => r.Any(x => (string?)x["source"] == "gateway" && (string?)x["kind"] == "api.error"));
        var blocked = Assert.Single(records, r => (string?)r["source"] == "gateway" && (string?)r["kind"] == "api.error");
        Assert.Equal("blocked", (string?)blocked["status"]);
        Assert.Equal("dlp:aws-access-key-id", (string?)blocked["attributes"]!["gateway"]!["blocked_by"]);
        var prompt = Assert.Single(records, r => (string?)r["source"] == "gateway" && (string?)r["kind"] == "user.prompt");
        Assert.DoesNotContain("AKIAIOSFODNN7EXAMPLE", (string?)prompt["prompt_text"], StringComparison.Ordinal);
        Assert.Contains("[REDACTED:aws-access-key-id]", (string?)prompt["prompt_text"], StringComparison.Ordinal);
        Assert.Contains(prompt["attributes"]!["dlp_findings"]!.AsArray(), f => (string?)f!["rule"] == "aws-access-key-id" && (string?)f["action"] == "block");
    }

    private static bool IsGateway(List<JsonObject> records, JsonObject item) =>
        records.Any(r => (string?)r["id"] == (string?)item["id"] && (string?)r["source"] == "gateway");

    private async Task<(int Exit, string Stdout, string Stderr)> RunCodexAsync(string codex, TestWorkspace ws, string gatewayKey, string prompt)
    {
        var home = Directory.CreateTempSubdirectory("codex-gw-home-");
        var work = Directory.CreateTempSubdirectory("codex-gw-work-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(home.FullName, "config.toml"), Config(server.BaseAddress, ws.Key));
            var environment = AgentCli.LoopbackOnly(server.Scripted.BaseAddress);
            environment["CODEX_HOME"] = home.FullName;
            environment["HOME"] = home.FullName;
            environment["AGENTLEDGER_GATEWAY_KEY"] = gatewayKey;
            return await AgentCli.RunAsync(codex,
                ["exec", "--skip-git-repo-check", "--dangerously-bypass-approvals-and-sandbox", "--color", "never", prompt],
                work.FullName, environment, TimeSpan.FromMinutes(3));
        }
        finally
        {
            home.Delete(recursive: true);
            work.Delete(recursive: true);
        }
    }

    /// <summary>The README's <c>model_providers</c> block, plus OTLP export to the same AgentLedger.</summary>
    private static string Config(Uri agentLedger, string ingestKey)
    {
        var root = GatewayFixture.Root(agentLedger);
        string Exporter(string signal) =>
            $$"""{ otlp-http = { endpoint = "{{root}}/v1/{{signal}}", protocol = "json", headers = { "authorization" = "Bearer {{ingestKey}}" } } }""";
        return $"""
            model = "stub-model"
            model_provider = "agentledger"
            check_for_update_on_startup = false

            [model_providers.agentledger]
            name = "OpenAI through AgentLedger"
            base_url = "{root}/gateway/openai/v1"
            env_key = "AGENTLEDGER_GATEWAY_KEY"
            wire_api = "responses"

            [analytics]
            enabled = false

            [feedback]
            enabled = false

            [otel]
            environment = "e2e"
            log_user_prompt = true
            exporter = {Exporter("logs")}
            trace_exporter = {Exporter("traces")}
            metrics_exporter = {Exporter("metrics")}
            """;
    }
}
