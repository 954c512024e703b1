using System.Text.Json.Nodes;
using AgentLedger.Core.Keys;
using AgentLedger.Server.Tests.Compliance.Ocsf;
using AgentLedger.Server.Tests.Ingestion.Otlp;
using AgentLedger.Server.Tests.Testing;

namespace AgentLedger.Server.Tests.Compliance;

/// <summary>What the three real agents sent (their OTLP captures, replayed as sent) comes out of every compliance output.</summary>
public sealed class RealAgentComplianceTests(ComplianceServerFixture server) : IClassFixture<ComplianceServerFixture>
{
    [Fact]
    public async Task RealCaptures_OfCodexClaudeCodeAndGemini_OneCodexLogLineAndOneValidOcsfEventPerRecord()
    {
        var ws = await server.NewWorkspaceAsync(ApiKeyScope.Ingest | ApiKeyScope.ComplianceRead);
        using var client = ws.Client();
        await OtlpCaptures.PostAllAsync(client, "codex/run1-json-echo");
        await OtlpCaptures.PostAllAsync(client, "claude-code/json");
        foreach (var file in OtlpCaptures.Bodies("gemini-cli/captures/05-http-gzip-headers-traces", ".body"))
        {
            (await OtlpCaptures.PostAsync(client, file, "application/json", "gzip", chunked: true)).EnsureSuccessStatusCode();
        }

        var records = await client.ReadAllRecordsAsync(ws.Id);
        await server.SealNowAsync();
        var lines = new List<JsonNode>();
        var list = await (await client.GetAsync($"/v1/compliance/workspaces/{ws.Id}/logs?event_type=CODEX_LOG&limit=1000")).EnsureSuccessStatusCode().ReadJsonAsync();
        foreach (var file in list["data"]!.AsArray())
        {
            var text = await client.GetStringAsync($"/v1/compliance/workspaces/{ws.Id}/logs/{file!["id"]}");
            lines.AddRange(text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!));
        }

        Assert.Equal(records.Select(r => (string)r["id"]!), lines.Select(l => (string)l["event_id"]!));
        Assert.Equal(["claude_code", "codex", "gemini_cli"], lines.Select(l => (string)l["event_details"]!["agent"]!).Distinct().Order());
        var codexPrompt = Assert.Single(lines, l => (string)l["event_type"]! == "PROMPT_SUBMITTED" && (string)l["client_id"]! == "CODEX_CLI");
        Assert.Equal("Run `echo hello` in the shell and tell me what it printed.", (string)codexPrompt["event_details"]!["prompt_text"]!);
        // Claude Code reports tokens on its api_request events (model.request records)
        Assert.Contains(lines, l => l["event_details"]!["token_usage"] is not null && (string)l["client_id"]! == "CLAUDE_CODE_CLI"
                                    && (string)l["event_details"]!["model"]! is { Length: > 0 });

        var ocsf = (await client.GetStringAsync("/api/v1/compliance/records?format=ocsf")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var validator = new OcsfValidator(OcsfSchemaTests.Schema);
        Assert.Equal(records.Count, ocsf.Length);
        Assert.All(ocsf, line => Assert.Empty(validator.Validate(JsonNode.Parse(line)!.AsObject(), OcsfSchemaTests.ApiActivity)));
    }
}
