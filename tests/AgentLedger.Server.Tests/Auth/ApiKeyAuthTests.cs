using System.Net;
using AgentLedger.Core.Keys;
using AgentLedger.Server.Tests.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLedger.Server.Tests.Auth;

public sealed class ApiKeyAuthTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Request_WithoutKey_Answers401ProblemWithBearerChallenge()
    {
        var response = await server.Client(null).PostEventsAsync(EventBuilder.Batch(EventBuilder.Prompt()));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Request_WithWrongSecret_Answers401()
    {
        var ws = await server.NewWorkspaceAsync();
        var tampered = ws.Key[..^4] + (ws.Key.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");

        var response = await server.Client(tampered).PostEventsAsync(EventBuilder.Batch(EventBuilder.Prompt()));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(await ws.Client().ReadAllRecordsAsync(ws.Id));
    }

    [Fact]
    public async Task Request_WithRevokedKey_Answers401()
    {
        var ws = await server.NewWorkspaceAsync();
        ApiKeySecret.TryParse(ws.Key, out var parsed);
        await server.Services.GetRequiredService<IWorkspaceStore>().RevokeApiKeyAsync(ws.Id, parsed.KeyId, DateTimeOffset.UtcNow, CancellationToken.None);

        var response = await ws.Client().PostEventsAsync(EventBuilder.Batch(EventBuilder.Prompt()));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("revoked", (string)(await response.ReadJsonAsync())["detail"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeyOfWorkspaceA_OnWorkspaceB_Answers404AndSeesNothing()
    {
        var a = await server.NewWorkspaceAsync(ApiKeyScope.Admin);
        var b = await server.NewWorkspaceAsync();
        await (await b.Client().PostEventsAsync(EventBuilder.Batch(EventBuilder.Prompt()))).EnsureSuccessStatusCode().ReadJsonAsync();

        foreach (var path in new[] { $"/api/v1/workspaces/{b.Id}/records", $"/api/v1/workspaces/{b.Id}", $"/api/v1/workspaces/{b.Id}/keys" })
        {
            var response = await a.Client().GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{path} answered {response.StatusCode}");
        }

        var created = await a.Client().PostAsync($"/api/v1/workspaces/{b.Id}/keys",
            new StringContent("""{"name":"x","scopes":["admin"]}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.NotFound, created.StatusCode);
    }

    [Fact]
    public async Task EventsSentWithKeyOfA_AreStoredOnlyInA()
    {
        var a = await server.NewWorkspaceAsync();
        var b = await server.NewWorkspaceAsync();

        await (await a.Client().PostEventsAsync(EventBuilder.Batch(EventBuilder.Prompt(), EventBuilder.Prompt()))).EnsureSuccessStatusCode().ReadJsonAsync();

        Assert.Equal(2, (await a.Client().ReadAllRecordsAsync(a.Id)).Count);
        Assert.Empty(await b.Client().ReadAllRecordsAsync(b.Id));
    }

    [Theory]
    [InlineData(ApiKeyScope.AnalyticsRead, "POST", "/api/v1/events", "ingest")]
    [InlineData(ApiKeyScope.Ingest, "GET", "/api/v1/workspaces/{ws}/records", "compliance.read")]
    [InlineData(ApiKeyScope.ComplianceRead, "GET", "/api/v1/workspaces/{ws}/keys", "admin")]
    [InlineData(ApiKeyScope.Ingest, "GET", "/api/v1/workspaces/{ws}/directory/users", "analytics.read")]
    public async Task KeyWithoutScope_Answers403NamingTheScope(ApiKeyScope granted, string method, string path, string needed)
    {
        var ws = await server.NewWorkspaceAsync(granted);
        var request = new HttpRequestMessage(new HttpMethod(method), path.Replace("{ws}", ws.Id, StringComparison.Ordinal));
        if (method == "POST")
        {
            request.Content = new StringContent(EventBuilder.Batch(EventBuilder.Prompt()).ToJsonString(), System.Text.Encoding.UTF8, "application/json");
        }

        var response = await ws.Client().SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains($"'{needed}'", (string)(await response.ReadJsonAsync())["detail"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdminKey_CreatesKeyThatWorksOnceShown_AndListsItWithoutSecret()
    {
        var admin = await server.NewWorkspaceAsync(ApiKeyScope.Admin);
        var created = await (await admin.Client().PostAsync($"/api/v1/workspaces/{admin.Id}/keys",
            new StringContent("""{"name":"collector","scopes":["ingest"]}""", System.Text.Encoding.UTF8, "application/json")))
            .EnsureSuccessStatusCode().ReadJsonAsync();
        var token = (string)created["token"]!;

        var ingest = await server.Client(token).PostEventsAsync(EventBuilder.Batch(EventBuilder.Prompt()));
        var listing = await (await admin.Client().GetAsync($"/api/v1/workspaces/{admin.Id}/keys")).Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, ingest.StatusCode);
        Assert.Contains((string)created["key_id"]!, listing, StringComparison.Ordinal);
        Assert.DoesNotContain(token, listing, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_IsAnsweredWithoutKey()
    {
        var live = await server.Client(null).GetAsync("/health/live");
        var ready = await server.Client(null).GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }
}
