using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AgentLedger.Core.Keys;
using AgentLedger.Server.Tests.Testing;

namespace AgentLedger.Server.Tests.Siem;

/// <summary>The SIEM admin API: secrets never come back, bad input is named, scopes and workspaces are enforced, filters apply.</summary>
public sealed class SiemApiTests(SiemServerFixture server) : IClassFixture<SiemServerFixture>
{
    private const string Secret = "whsec-never-returned-42";

    [Fact]
    public async Task Create_WithSecrets_SecretsNeverReturnedOnlyNamedAndKeptOnUpdate()
    {
        var ws = await server.NewWorkspaceAsync(ApiKeyScope.Admin);
        var client = ws.Client();
        var created = await SiemApi.CreateAsync(client, ws.Id, new JsonObject
        {
            ["name"] = "hec", ["kind"] = "splunk_hec",
            ["endpoint"] = new JsonObject { ["url"] = "https://splunk.example.com:8088/", ["index"] = "main" },
            ["secrets"] = new JsonObject { ["hec_token"] = Secret },
        });
        var id = (string)created["id"]!;
        var put = await client.PutAsJsonAsync($"{SiemApi.DestinationsPath(ws.Id)}/{id}", new JsonObject
        {
            ["name"] = "hec renamed", ["enabled"] = false, ["endpoint"] = new JsonObject { ["url"] = "https://splunk.example.com:8088/", ["index"] = "main" },
        });
        var updated = await put.EnsureSuccessStatusCode().ReadJsonAsync();
        var listed = await (await client.GetAsync(SiemApi.DestinationsPath(ws.Id))).EnsureSuccessStatusCode().Content.ReadAsStringAsync();
        var audit = await (await server.Client(await server.IssueKeyAsync(ws.Id, ApiKeyScope.ComplianceRead))
            .GetAsync("/api/v1/compliance/audit-events?limit=100")).Content.ReadAsStringAsync();

        foreach (var body in new[] { created.ToJsonString(), updated.ToJsonString(), listed, audit })
        {
            Assert.DoesNotContain(Secret, body, StringComparison.Ordinal);
        }

        Assert.Equal(["hec_token"], updated["secrets_set"]!.AsArray().Select(n => (string)n!));
        Assert.Equal(("hec renamed", false, "splunk_hec"), ((string?)updated["name"], (bool)updated["enabled"]!, (string?)updated["kind"]));
        Assert.Contains("SIEM_DESTINATION_UPDATED", audit, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"name":"x","kind":"carrier_pigeon"}""", "kind")]
    [InlineData("""{"name":"x","kind":"webhook","endpoint":{"url":"https://h.example/hook"},"secrets":{"webhook_secret":"short"}}""", "secrets.webhook_secret")]
    [InlineData("""{"name":"x","kind":"webhook","endpoint":{"url":"ftp://h.example/hook"},"secrets":{"webhook_secret":"0123456789abcdef0"}}""", "endpoint.url")]
    [InlineData("""{"name":"x","kind":"splunk_hec","endpoint":{"url":"https://h.example/"}}""", "secrets.hec_token")]
    [InlineData("""{"name":"x","kind":"syslog","endpoint":{"host":"h.example","port":70000}}""", "endpoint.port")]
    [InlineData("""{"name":"x","kind":"syslog","format":"ecs","endpoint":{"host":"h.example","port":6514}}""", "format")]
    [InlineData("""{"name":"x","kind":"syslog","endpoint":{"host":"h.example","port":6514,"ca_certificate_pem":"not a pem"}}""", "endpoint.ca_certificate_pem")]
    [InlineData("""{"name":"x","kind":"syslog","content_level":"everything","endpoint":{"host":"h.example","port":6514}}""", "content_level")]
    [InlineData("""{"name":"x","kind":"syslog","filter":{"kinds":["nope"]},"endpoint":{"host":"h.example","port":6514}}""", "filter.kinds")]
    [InlineData("""{"name":"x","kind":"syslog","filter":{"source":"audit_log","agents":["codex"]},"endpoint":{"host":"h.example","port":6514}}""", "filter")]
    [InlineData("""{"name":"x","kind":"elasticsearch","endpoint":{"url":"https://es.example/","data_stream":"Logs With Spaces"}}""", "endpoint.data_stream")]
    [InlineData("""{"name":"x","kind":"webhook","endpoint":{"url":"https://h.example/","max_batch_records":0},"secrets":{"webhook_secret":"0123456789abcdef0"}}""", "endpoint.max_batch_records")]
    public async Task Create_BadInput_400NamingTheFieldAndNothingStored(string body, string field)
    {
        var ws = await server.NewWorkspaceAsync(ApiKeyScope.Admin);
        var client = ws.Client();
        var response = await client.PostRawAsync(SiemApi.DestinationsPath(ws.Id), body, "application/json");
        var problem = await response.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, (string?)problem["detail"], StringComparison.Ordinal);
        Assert.Empty((await (await client.GetAsync(SiemApi.DestinationsPath(ws.Id))).Content.ReadFromJsonAsync<JsonArray>())!);
    }

    [Fact]
    public async Task Destinations_OtherWorkspaceOrWithoutAdmin_NotFoundOrForbidden()
    {
        var owner = await server.NewWorkspaceAsync(ApiKeyScope.Admin);
        var other = await server.NewWorkspaceAsync(ApiKeyScope.Admin);
        var reader = await server.NewWorkspaceAsync(ApiKeyScope.ComplianceRead | ApiKeyScope.Ingest);
        var id = (string)(await SiemApi.CreateAsync(owner.Client(), owner.Id, new JsonObject
        {
            ["name"] = "w", ["kind"] = "webhook", ["endpoint"] = new JsonObject { ["url"] = "https://h.example/hook" },
            ["secrets"] = new JsonObject { ["webhook_secret"] = Secret },
        }))["id"]!;

        Assert.Equal(HttpStatusCode.NotFound, (await other.Client().GetAsync($"{SiemApi.DestinationsPath(owner.Id)}/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Client().GetAsync($"{SiemApi.DestinationsPath(other.Id)}/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.Client().GetAsync(SiemApi.DestinationsPath(reader.Id))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await owner.Client().DeleteAsync($"{SiemApi.DestinationsPath(owner.Id)}/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.Client().DeleteAsync($"{SiemApi.DestinationsPath(owner.Id)}/{id}")).StatusCode);
    }

    [Fact]
    public async Task Filters_KindsDlpAndAuditLog_EachDestinationGetsOnlyWhatItsFilterKeeps()
    {
        await using var receiver = new FakeWebhookReceiver(Secret, TimeProvider.System);
        await receiver.StartAsync();
        await using var dlpReceiver = new FakeWebhookReceiver(Secret, TimeProvider.System);
        await dlpReceiver.StartAsync();
        await using var auditReceiver = new FakeWebhookReceiver(Secret, TimeProvider.System);
        await auditReceiver.StartAsync();
        var ws = await server.NewWorkspaceAsync(ApiKeyScope.Ingest | ApiKeyScope.Admin | ApiKeyScope.ComplianceRead);
        var client = ws.Client();
        var responses = await SiemApi.CreateAsync(client, ws.Id, Hook(receiver.Url, new JsonObject { ["kinds"] = new JsonArray("model.response") }, "hashed"));
        var dlp = await SiemApi.CreateAsync(client, ws.Id, Hook(dlpReceiver.Url, new JsonObject { ["dlp_findings_only"] = true }, "metadata"));
        var audit = await SiemApi.CreateAsync(client, ws.Id, Hook(auditReceiver.Url, new JsonObject { ["source"] = "audit_log" }, "metadata"));

        var events = new[]
        {
            EventBuilder.Prompt().Prompt("plain prompt"),
            EventBuilder.Response().Set("response_text", "the answer"),
            EventBuilder.Prompt().Prompt("my key is AKIA" + System.Security.Cryptography.RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16) + ", keep it"),
            EventBuilder.Response().Set("response_text", "second answer"),
        };
        (await client.PostEventsAsync(EventBuilder.Batch(events))).EnsureSuccessStatusCode();
        await client.GetAsync("/api/v1/compliance/records?limit=1"); // an audited read

        Assert.True(await SiemApi.WaitUntilAsync(() => receiver.Received.Count >= 2 && dlpReceiver.Received.Count >= 1 && auditReceiver.Received.Count >= 4,
            TimeSpan.FromSeconds(30)), "the filtered destinations did not receive their items");
        await Task.Delay(500);
        Assert.Equal([2L, 4L], receiver.Received.Arrivals);
        Assert.Equal([3L], dlpReceiver.Received.Arrivals);
        Assert.Equal(auditReceiver.Received.FirstArrivals.Count, auditReceiver.Received.Count);
        Assert.Equal(Enumerable.Range(1, auditReceiver.Received.Count).Select(i => (long)i), auditReceiver.Received.Arrivals);
        foreach (var d in new[] { responses, dlp })
        {
            Assert.True(await SiemApi.WaitUntilAsync(async () =>
                (long)(await SiemApi.GetAsync(client, ws.Id, (string)d["id"]!))["status"]!["checkpoint_seq"]! == 4, TimeSpan.FromSeconds(10)));
        }

        Assert.NotNull(audit["status"]);
    }

    private static JsonObject Hook(Uri url, JsonObject filter, string contentLevel) => new()
    {
        ["name"] = "filtered", ["kind"] = "webhook", ["content_level"] = contentLevel, ["filter"] = filter,
        ["endpoint"] = new JsonObject { ["url"] = url.ToString() }, ["secrets"] = new JsonObject { ["webhook_secret"] = Secret },
    };
}
