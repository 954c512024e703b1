using AgentLedger.Server.Tests.Ingestion.Otlp;
using AgentLedger.Server.Tests.Testing;

namespace AgentLedger.Server.Tests.EndToEnd;

/// <summary>
/// The real Codex CLI (npm <c>@openai/codex@0.169.0</c>) runs against a stub model and exports OTLP to a real
/// AgentLedger with an ingest key; the session, prompt, tool call and tokens are then read back through the
/// server's own record feed.
/// </summary>
public sealed class CodexEndToEndTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private const string Prompt = "Run `echo hello` in the shell and tell me what it printed.";

    [Theory]
    [InlineData("binary")]
    [InlineData("json")]
    public async Task CodexExec_ExportingToAgentLedger_IsFoundThroughTheRecordFeed(string protocol)
    {
        var codex = AgentCli.Require("codex", "@openai/codex@0.169.0");
        await using var model = await StubResponsesServer.StartAsync();
        var ws = await server.NewWorkspaceAsync();
        var home = Directory.CreateTempSubdirectory("codex-home-");
        var work = Directory.CreateTempSubdirectory("codex-work-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(home.FullName, "config.toml"), Config(model.BaseAddress, server.BaseAddress, ws.Key, protocol));
            var environment = AgentCli.LoopbackOnly(model.BaseAddress);
            environment["CODEX_HOME"] = home.FullName;
            environment["HOME"] = home.FullName;
            environment["STUB_API_KEY"] = "sk-stub-not-a-real-key";

            var (exit, stdout, stderr) = await AgentCli.RunAsync(codex,
                ["exec", "--skip-git-repo-check", "--dangerously-bypass-approvals-and-sandbox", "--color", "never", Prompt],
                work.FullName, environment, TimeSpan.FromMinutes(3));

            Assert.True(exit == 0, $"codex exited {exit}: {stderr}");
            Assert.Contains("hello", stdout, StringComparison.Ordinal);
            var records = await FeedPolling.WaitForAsync(ws, r => r.CountKind("tool.result") == 1 && r.CountKind("model.response") == model.ReportedUsage.Count);

            var prompt = Assert.Single(records, r => (string?)r["kind"] == "user.prompt");
            Assert.Equal(Prompt, (string?)prompt["prompt_text"]);
            var session = (string?)prompt["session_id"];
            Assert.False(string.IsNullOrEmpty(session));
            Assert.Equal("CODEX_CLI", (string?)prompt["client_id"]);
            Assert.Equal("0.169.0", (string?)prompt["client_version"]);
            var tool = Assert.Single(records, r => (string?)r["kind"] == "tool.result");
            Assert.Equal("exec_command", (string?)tool["tool_name"]);
            Assert.Contains("hello", (string?)tool["tool_output"], StringComparison.Ordinal);
            Assert.Equal(session, (string?)tool["session_id"]);
            var reported = model.ReportedUsage.ToList();
            Assert.Equal(2, reported.Count);
            Assert.Equal((reported.Sum(u => u.Input), reported.Sum(u => u.Cached), reported.Sum(u => u.Output), 0L), records.Tokens());
            Assert.Contains(records, r => (string?)r["attributes"]?["otlp.signal"] == "traces");
            Assert.Contains(records, r => (string?)r["attributes"]?["otlp.signal"] == "metrics");
        }
        finally
        {
            home.Delete(recursive: true);
            work.Delete(recursive: true);
        }
    }

    private static string Config(Uri model, Uri agentLedger, string key, string protocol)
    {
        var otlp = agentLedger.GetLeftPart(UriPartial.Authority);
        string Exporter(string signal) =>
            $$"""{ otlp-http = { endpoint = "{{otlp}}/v1/{{signal}}", protocol = "{{protocol}}", headers = { "authorization" = "Bearer {{key}}" } } }""";
        return $"""
            model = "stub-model"
            model_provider = "stub"
            check_for_update_on_startup = false

            [model_providers.stub]
            name = "Stub Responses"
            base_url = "{model.GetLeftPart(UriPartial.Authority)}/v1"
            env_key = "STUB_API_KEY"
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
