using System.Net;
using AgentLedger.Core.Keys;
using AgentLedger.Server.Tests.Testing;

namespace AgentLedger.Server.Tests.Compliance;

public sealed class UserSessionListTests(ComplianceServerFixture server) : IClassFixture<ComplianceServerFixture>
{
    private const string Window = "start_time=2026-11-20T00:00:00Z&end_time=2026-11-21T00:00:00Z";

    [Fact]
    public async Task UserSessions_Window_ListsOnlyThatUsersSessionsInItWithCountsAndIsAudited()
    {
        var ws = await server.NewWorkspaceAsync(ApiKeyScope.Ingest | ApiKeyScope.ComplianceRead);
        using var client = ws.Client();
        await (await client.PostEventsAsync(EventBuilder.Batch(
            EventBuilder.Prompt().User("ana@example.com").Session("a-1").At("2026-11-20T09:00:00Z").Prompt("one"),
            EventBuilder.Response().User("ana@example.com").Session("a-1").At("2026-11-20T09:01:00Z").Tokens(100, 0, 40),
            EventBuilder.Prompt().User("ana@example.com").Session("a-1").At("2026-11-20T09:02:00Z").Prompt("two"),
            EventBuilder.Prompt().User("ana@example.com").Session("a-2").At("2026-11-20T15:00:00Z").Prompt("later"),
            EventBuilder.Prompt().User("ana@example.com").Session("a-old").At("2026-11-18T15:00:00Z").Prompt("outside the window"),
            EventBuilder.Prompt().User("bo@example.com").Session("b-1").At("2026-11-20T10:00:00Z").Prompt("someone else"))))
            .EnsureSuccessStatusCode().ReadJsonAsync();
        var feed = await (await client.GetAsync("/api/v1/compliance/records?session_id=a-1&limit=1")).EnsureSuccessStatusCode().ReadJsonAsync();
        var userId = (string)feed["data"]![0]!["user_id"]!;

        var list = await (await client.GetAsync($"/api/v1/compliance/users/{userId}/sessions?{Window}")).EnsureSuccessStatusCode().ReadJsonAsync();
        var firstOnly = await (await client.GetAsync($"/api/v1/compliance/users/{userId}/sessions?{Window}&limit=1")).EnsureSuccessStatusCode().ReadJsonAsync();
        var audit = await (await client.GetAsync("/api/v1/compliance/audit-events?limit=1000")).EnsureSuccessStatusCode().ReadJsonAsync();

        var sessions = list["data"]!.AsArray();
        Assert.Equal(["a-2", "a-1"], sessions.Select(s => (string)s!["session_id"]!));
        Assert.Equal((3L, 2L, 100L, 40L), ((long)sessions[1]!["records"]!, (long)sessions[1]!["prompts"]!, (long)sessions[1]!["input_tokens"]!,
            (long)sessions[1]!["output_tokens"]!));
        Assert.Equal(("codex", "CODEX_CLI", "cli"), ((string)sessions[1]!["agent"]!, (string)sessions[1]!["client_id"]!, (string)sessions[1]!["surface"]!));
        Assert.False((bool)list["has_more"]!);
        Assert.Equal(["a-2"], firstOnly["data"]!.AsArray().Select(s => (string)s!["session_id"]!));
        Assert.True((bool)firstOnly["has_more"]!);
        var listed = audit["data"]!.AsArray().Where(e => (string)e!["action"]! == "LIST_USER_SESSIONS").ToList();
        Assert.Equal(2, listed.Count);
        Assert.Equal((userId, 2), ((string)listed[0]!["action_data"]!["user_id"]!, (int)listed[0]!["action_data"]!["session_count"]!));
        Assert.Equal("API_KEY", (string)listed[0]!["actor"]!["type"]!);
    }

    [Fact]
    public async Task UserSessions_SurfaceAgentAndModelFilters_ListOnlySessionsWithAMatchingRecordAndAuditTheFilters()
    {
        var ws = await server.NewWorkspaceAsync(ApiKeyScope.Ingest | ApiKeyScope.ComplianceRead);
        using var client = ws.Client();
        await (await client.PostEventsAsync(EventBuilder.Batch(
            EventBuilder.Prompt().User("ana@example.com").Session("cli-1").At("2026-11-20T09:00:00Z").Prompt("one"),
            EventBuilder.Response().User("ana@example.com").Session("cli-1").At("2026-11-20T09:01:00Z").Model("gpt-5-codex").Tokens(100, 0, 40),
            EventBuilder.Prompt().User("ana@example.com").Session("ide-1").At("2026-11-20T10:00:00Z").Client("CODEX_IDE_VSCODE", "codex").Prompt("two"),
            EventBuilder.Response().User("ana@example.com").Session("ide-1").At("2026-11-20T10:01:00Z").Client("CODEX_IDE_VSCODE", "codex")
                .Model("gpt-5-mini").Tokens(10, 0, 4),
            EventBuilder.Prompt().User("ana@example.com").Session("claude-1").At("2026-11-20T11:00:00Z").Client("CLAUDE_CODE_CLI", "claude_code")
                .Prompt("three"))))
            .EnsureSuccessStatusCode().ReadJsonAsync();
        var feed = await (await client.GetAsync("/api/v1/compliance/records?session_id=cli-1&limit=1")).EnsureSuccessStatusCode().ReadJsonAsync();
        var userId = (string)feed["data"]![0]!["user_id"]!;

        async Task<List<string>> SessionsAsync(string filters) =>
            (await (await client.GetAsync($"/api/v1/compliance/users/{userId}/sessions?{Window}&{filters}")).EnsureSuccessStatusCode().ReadJsonAsync())
            ["data"]!.AsArray().Select(s => $"{s!["session_id"]} {s["records"]}").ToList();

        Assert.Equal(["claude-1 1", "cli-1 2"], await SessionsAsync("surface=cli"));
        Assert.Equal(["ide-1 2", "cli-1 2"], await SessionsAsync("agent=codex"));
        // the model is on the response only; the listed session still counts its prompt
        Assert.Equal(["cli-1 2"], await SessionsAsync("model=gpt-5-codex&surface=cli&agent=codex"));
        Assert.Equal(["ide-1 2", "cli-1 2"], await SessionsAsync("model=gpt-5-codex&model=gpt-5-mini"));
        Assert.Empty(await SessionsAsync("team=platform"));
        var audit = await (await client.GetAsync("/api/v1/compliance/audit-events?limit=1000")).EnsureSuccessStatusCode().ReadJsonAsync();
        var filtered = audit["data"]!.AsArray().Select(e => e!["action_data"]!).Where(d => d["model"] is not null && d["surface"] is not null).Single();
        Assert.Equal(("gpt-5-codex", "cli", "codex"), ((string)filtered["model"]![0]!, (string)filtered["surface"]![0]!, (string)filtered["agent"]![0]!));
    }

    [Theory]
    [InlineData("surface=terminal", "surface")]
    [InlineData("agent=copilot-x", "agent")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=1001", "limit")]
    [InlineData("start_time=yesterday", "start_time")]
    [InlineData("start_time=2026-11-21T00:00:00Z&end_time=2026-11-20T00:00:00Z", "end_time")]
    public async Task UserSessions_BadParameter_Answers400NamingIt(string query, string field)
    {
        var ws = await server.NewWorkspaceAsync(ApiKeyScope.ComplianceRead);

        var response = await ws.Client().GetAsync($"/api/v1/compliance/users/u-1/sessions?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, (string)(await response.ReadJsonAsync())["detail"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UserSessions_WithoutComplianceScope_Answers403()
    {
        var ws = await server.NewWorkspaceAsync(ApiKeyScope.AnalyticsRead);

        Assert.Equal(HttpStatusCode.Forbidden, (await ws.Client().GetAsync("/api/v1/compliance/users/u-1/sessions")).StatusCode);
    }

    [Fact]
    public async Task Transcript_PromptWithASecret_ListsTheFindingAtItsStoredOffsets()
    {
        var ws = await server.NewWorkspaceAsync(ApiKeyScope.Ingest | ApiKeyScope.ComplianceRead);
        using var client = ws.Client();
        await (await client.PostEventsAsync(EventBuilder.Batch(
            EventBuilder.Prompt().Session("dlp-1").Prompt("use ghp_abcdefghijklmnopqrstuvwxyz0123456789 and mail ana@example.com"))))
            .EnsureSuccessStatusCode().ReadJsonAsync();

        var transcript = await (await client.GetAsync("/api/v1/compliance/sessions/dlp-1")).EnsureSuccessStatusCode().ReadJsonAsync();

        var item = transcript["items"]![0]!;
        var text = (string)item["prompt_text"]!;
        var shown = item["dlp_findings"]!.AsArray()
            .Select(f => ((string)f!["rule"]!, (string)f["action"]!, text.Substring((int)f["start"]!, (int)f["length"]!)))
            .ToList();
        Assert.Equal([("github-token", "redact", "[REDACTED:github-token]"), ("email", "flag", "ana@example.com")], shown);
    }
}
