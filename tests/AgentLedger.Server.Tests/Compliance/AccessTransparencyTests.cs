using System.Net;
using System.Text.Json.Nodes;
using AgentLedger.Core.Keys;
using AgentLedger.Server.Tests.Testing;

namespace AgentLedger.Server.Tests.Compliance;

/// <summary>
/// Every read of compliance data, and every administrative action, is itself an audit event: who (the key), when,
/// what (action and parameters) and how many records.
/// </summary>
public sealed class AccessTransparencyTests(ComplianceServerFixture server) : IClassFixture<ComplianceServerFixture>
{
    private const ApiKeyScope Everything = ApiKeyScope.Ingest | ApiKeyScope.ComplianceAdmin;

    public static TheoryData<string> Reads => new(ReadCases().Keys);

    [Theory]
    [MemberData(nameof(Reads))]
    public async Task ComplianceRead_OfEveryKind_LeavesAnAuditEventWithKeyFilterAndCount(string read)
    {
        var (action, perform) = ReadCases()[read];
        var ws = await server.NewWorkspaceAsync(Everything);
        using var client = ws.Client();
        await (await client.PostEventsAsync(EventBuilder.Batch(
            EventBuilder.Prompt().Session("s-9").Prompt("a"), EventBuilder.Response().Session("s-9"), EventBuilder.Prompt().Session("s-8"))))
            .EnsureSuccessStatusCode().ReadJsonAsync();
        await server.SealNowAsync();
        var reader = await server.IssueKeyAsync(ws.Id, Everything);
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);

        var (expectedCount, expectedData) = await perform(server.Client(reader), ws.Id);

        var audit = (await client.ReadAuditEventsAsync()).Where(e => (string)e["action"]! == action).ToList();
        var e = Assert.Single(audit, e => (string?)e["actor"]!["key_id"] == ComplianceHttp.KeyIdOf(reader));
        Assert.Equal("API_KEY", (string)e["actor"]!["type"]!);
        Assert.Equal("SUCCESS", (string)e["action_result"]!);
        Assert.InRange(DateTimeOffset.Parse((string)e["timestamp"]!), before, DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.Equal("127.0.0.1", (string)e["request_metadata"]!["client_ip"]!);
        if (expectedCount is { } count)
        {
            Assert.Equal(count, (long)e["action_data"]!["record_count"]!);
        }

        foreach (var (name, value) in expectedData)
        {
            Assert.Equal(value.ToJsonString(), e["action_data"]![name]!.ToJsonString());
        }
    }

    [Fact]
    public async Task AdministrativeActions_KeyCreatedAndRevokedAndDirectoryChanged_AreAuditedWithoutSecrets()
    {
        var ws = await server.NewWorkspaceAsync(ApiKeyScope.Admin);
        using var client = ws.Client();
        var created = await (await client.PostJsonAsync($"/api/v1/workspaces/{ws.Id}/keys",
            JsonNode.Parse("""{"name":"siem collector","scopes":["compliance.read"]}""")!)).EnsureSuccessStatusCode().ReadJsonAsync();
        (await client.DeleteAsync($"/api/v1/workspaces/{ws.Id}/keys/{created["key_id"]}")).EnsureSuccessStatusCode();
        (await client.PutAsync($"/api/v1/workspaces/{ws.Id}/directory/users", new StringContent(
            """[{"email":"ana@example.com","team":"platform"}]""", System.Text.Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();

        var events = await client.ReadAuditEventsAsync();

        var create = Assert.Single(events, e => (string)e["action"]! == "API_KEY_CREATED");
        Assert.Equal((string)created["key_id"]!, (string)create["action_data"]!["key_id"]!);
        Assert.Equal("""["compliance.read"]""", create["action_data"]!["scopes"]!.ToJsonString());
        Assert.DoesNotContain((string)created["token"]!, create.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("admin", (string)create["action_privilege"]!);
        Assert.Equal((string)created["key_id"]!, (string)Assert.Single(events, e => (string)e["action"]! == "API_KEY_REVOKED")["action_data"]!["key_id"]!);
        var directory = Assert.Single(events, e => (string)e["action"]! == "DIRECTORY_USERS_UPDATED");
        Assert.Equal(1, (int)directory["action_data"]!["user_count"]!);
        Assert.All(events.Where(e => (string)e["action"]! != "READ_AUDIT_EVENTS"),
            e => Assert.Equal(ComplianceHttp.KeyIdOf(ws.Key), (string)e["actor"]!["key_id"]!));
    }

    [Fact]
    public async Task DeniedComplianceRead_IsAuditedAsDenied()
    {
        var ws = await server.NewWorkspaceAsync(Everything);
        var analytics = await server.IssueKeyAsync(ws.Id, ApiKeyScope.AnalyticsRead);

        var response = await server.Client(analytics).GetAsync("/api/v1/compliance/records?q=salary");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var denied = Assert.Single(await ws.Client().ReadAuditEventsAsync(), e => (string)e["action"]! == "ACCESS_DENIED");
        Assert.Equal(("DENIED", ComplianceHttp.KeyIdOf(analytics)), ((string)denied["action_result"]!, (string)denied["actor"]!["key_id"]!));
        Assert.Equal("/api/v1/compliance/records", (string)denied["action_data"]!["path"]!);
    }

    [Fact]
    public async Task AuditLogFiles_HoldTheReadsOfTheLogsPlatformItself()
    {
        var ws = await server.NewWorkspaceAsync(Everything);
        using var client = ws.Client();
        await client.GetAsync($"/v1/compliance/workspaces/{ws.Id}/logs?event_type=CODEX_LOG&limit=7");
        await client.GetAsync("/api/v1/compliance/records?kind=user.prompt");
        await server.SealNowAsync();

        var list = await (await client.GetAsync($"/v1/compliance/workspaces/{ws.Id}/logs?event_type=AUDIT_LOG")).EnsureSuccessStatusCode().ReadJsonAsync();
        var file = list["data"]![0]!;
        var lines = (await client.GetStringAsync($"/v1/compliance/workspaces/{ws.Id}/logs/{file["id"]}"))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();

        Assert.Equal(["LIST_WORKSPACE_LOG_FILES", "READ_COMPLIANCE_RECORDS"], lines.Select(l => (string)l["action"]!));
        Assert.All(lines, l => Assert.Equal("AUDIT_LOG", (string)l["type"]!));
        Assert.Equal("7", lines[0]["action_data"]!["limit"]!.ToJsonString());
        Assert.Equal("""{"kinds":["user.prompt"]}""", lines[1]["action_data"]!["filter"]!.ToJsonString());
        Assert.Equal($"al_{ComplianceHttp.KeyIdOf(ws.Key)}_…", (string)lines[0]["actor"]!["redacted_id"]!);
    }

    /// <summary>Each compliance read: the action it must leave, and the read itself returning its record count and expected action data.</summary>
    private static Dictionary<string, (string Action, Func<HttpClient, string, Task<(long? Count, Dictionary<string, JsonNode> Data)>> Perform)> ReadCases() => new()
    {
        ["feed page"] = ("READ_COMPLIANCE_RECORDS", async (c, _) =>
        {
            var page = await (await c.GetAsync("/api/v1/compliance/records?kind=user.prompt&limit=10")).EnsureSuccessStatusCode().ReadJsonAsync();
            return (page["data"]!.AsArray().Count, new() { ["filter"] = JsonNode.Parse("""{"kinds":["user.prompt"]}""")!, ["format"] = "json" });
        }),
        ["feed stream"] = ("READ_COMPLIANCE_RECORDS", async (c, _) =>
        {
            var text = await (await c.GetAsync("/api/v1/compliance/records?format=cef&q=a")).EnsureSuccessStatusCode().Content.ReadAsStringAsync();
            return (text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length,
                new() { ["filter"] = JsonNode.Parse("""{"text":"a"}""")!, ["format"] = "cef", ["completed"] = true });
        }),
        ["log file list"] = ("LIST_WORKSPACE_LOG_FILES", async (c, ws) =>
        {
            var list = await (await c.GetAsync($"/v1/compliance/workspaces/{ws}/logs?event_type=CODEX_LOG")).EnsureSuccessStatusCode().ReadJsonAsync();
            return (list["data"]!.AsArray().Sum(f => (long)f!["record_count"]!), new() { ["event_type"] = "CODEX_LOG" });
        }),
        ["log file download"] = ("DOWNLOAD_WORKSPACE_LOG_FILE", async (c, ws) =>
        {
            var file = (await (await c.GetAsync($"/v1/compliance/workspaces/{ws}/logs?event_type=CODEX_LOG")).ReadJsonAsync())["data"]![0]!;
            var text = await c.GetStringAsync($"/v1/compliance/workspaces/{ws}/logs/{file["id"]}");
            return (text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length, new() { ["log_file_id"] = file["id"]!.DeepClone() });
        }),
        ["dlp findings"] = ("READ_DLP_FINDINGS", async (c, _) =>
        {
            var page = await (await c.GetAsync("/api/v1/compliance/dlp_findings?category=secret&limit=5")).EnsureSuccessStatusCode().ReadJsonAsync();
            return (null, new()
            {
                ["filter"] = JsonNode.Parse("""{"categories":["secret"]}""")!, ["limit"] = 5, ["finding_count"] = page["data"]!.AsArray().Count,
            });
        }),
        ["transcript"] = ("READ_SESSION_TRANSCRIPT", async (c, _) =>
        {
            var transcript = await (await c.GetAsync("/api/v1/compliance/sessions/s-9")).EnsureSuccessStatusCode().ReadJsonAsync();
            return (transcript["items"]!.AsArray().Count, new() { ["session_id"] = "s-9" });
        }),
        ["audit feed"] = ("READ_AUDIT_EVENTS", async (c, _) =>
        {
            var page = await (await c.GetAsync("/api/v1/compliance/audit-events?limit=1000")).EnsureSuccessStatusCode().ReadJsonAsync();
            return (page["data"]!.AsArray().Count, []);
        }),
        ["export request"] = ("CREATE_EDISCOVERY_EXPORT", async (c, _) =>
        {
            var job = await (await c.PostJsonAsync("/api/v1/compliance/exports", JsonNode.Parse("""{"filter":{"session_ids":["s-9"]}}""")!)).ReadJsonAsync();
            return (null, new() { ["export_id"] = job["id"]!.DeepClone(), ["filter"] = JsonNode.Parse("""{"session_ids":["s-9"]}""")! });
        }),
        ["export package download"] = ("DOWNLOAD_EDISCOVERY_EXPORT", async (c, _) =>
        {
            var job = await (await c.PostJsonAsync("/api/v1/compliance/exports", new JsonObject())).ReadJsonAsync();
            var done = await c.WaitForExportAsync((string)job["id"]!);
            (await c.GetAsync((string)done["download_url"]!)).EnsureSuccessStatusCode();
            return ((long)done["record_count"]!, new() { ["export_id"] = job["id"]!.DeepClone(), ["file"] = "package" });
        }),
        ["export file download"] = ("DOWNLOAD_EDISCOVERY_EXPORT", async (c, _) =>
        {
            var job = await (await c.PostJsonAsync("/api/v1/compliance/exports", new JsonObject())).ReadJsonAsync();
            var done = await c.WaitForExportAsync((string)job["id"]!);
            (await c.GetAsync((string)done["files"]![0]!["url"]!)).EnsureSuccessStatusCode();
            return ((long)done["record_count"]!, new() { ["file"] = "records.ndjson" });
        }),
        ["export status"] = ("READ_EDISCOVERY_EXPORT", async (c, _) =>
        {
            var job = await (await c.PostJsonAsync("/api/v1/compliance/exports", new JsonObject())).ReadJsonAsync();
            (await c.GetAsync($"/api/v1/compliance/exports/{job["id"]}")).EnsureSuccessStatusCode();
            return (null, new() { ["export_id"] = job["id"]!.DeepClone(), ["found"] = true });
        }),
        ["export list"] = ("LIST_EDISCOVERY_EXPORTS", async (c, _) =>
        {
            var page = await (await c.GetAsync("/api/v1/compliance/exports")).EnsureSuccessStatusCode().ReadJsonAsync();
            return (null, new() { ["export_count"] = page["data"]!.AsArray().Count });
        }),
    };
}
