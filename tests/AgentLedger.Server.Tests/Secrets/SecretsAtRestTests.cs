using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using AgentLedger.Core.Governance;
using AgentLedger.Core.Integrations;
using AgentLedger.Core.Keys;
using AgentLedger.Core.Records;
using AgentLedger.Core.Siem;
using AgentLedger.Server.Features.Admin;
using AgentLedger.Server.Features.Integrations.GitHub;
using AgentLedger.Server.Features.Secrets;
using AgentLedger.Server.Hosting;
using AgentLedger.Server.Tests.Testing;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLedger.Server.Tests.Secrets;

/// <summary>
/// GitHub webhook secrets are stored encrypted with the database-held Data Protection key ring: several servers on one
/// database all verify deliveries, and a plaintext row from before encryption is encrypted at start and still verifies.
/// </summary>
public sealed class SecretsAtRestTests : IAsyncLifetime
{
    private const string Secret = "whsec-at-rest-0123456789abcdef";
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("agentledger-secrets-");
    private readonly List<WebApplication> _apps = [];

    private string DatabasePath => Path.Combine(_folder.FullName, "agentledger.db");

    [Fact]
    public async Task WebhookSecret_IsStoredEncryptedAndAnotherInstanceOnTheDatabaseVerifiesDeliveries()
    {
        var first = await StartAsync();
        var second = await StartAsync();
        var (workspace, key) = await WorkspaceAsync(first, ApiKeyScope.Admin);
        var settings = new JsonObject { ["webhook_secret"] = Secret, ["reviewer_logins"] = new JsonArray("Codertocat") };
        (await Client(first, key).PutAsJsonAsync($"/api/v1/workspaces/{workspace}/integrations/github", settings, TestContext.Current.CancellationToken))
            .EnsureSuccessStatusCode();

        var stored = await StoredSecretAsync(workspace);
        Assert.StartsWith(SecretProtector.Prefix, stored, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, stored, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await DeliverAsync(second, workspace, Secret)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await DeliverAsync(second, workspace, "whsec-some-other-secret-000")).StatusCode);
        Assert.NotEmpty(await KeyRingAsync());
    }

    [Fact]
    public async Task PlaintextSecretFromBeforeUpgrade_IsEncryptedAtStartAndStillVerifies()
    {
        var before = await StartAsync();
        var (workspace, _) = await WorkspaceAsync(before, ApiKeyScope.Admin);
        // The engine's own store writes the row as versions before encryption did: the secret in plaintext.
        await before.Services.GetRequiredKeyedService<IGitHubIntegrationStore>(SecretsAtRestExtensions.UnprotectedStore).SaveAsync(
            new GitHubIntegration(workspace, Secret, ["Codertocat"], ClientId.CodexGitHub), DateTimeOffset.UtcNow, CancellationToken.None);
        await StopAsync(before);
        Assert.Equal(Secret, await StoredSecretAsync(workspace));

        var after = await StartAsync();

        var stored = await StoredSecretAsync(workspace);
        Assert.StartsWith(SecretProtector.Prefix, stored, StringComparison.Ordinal);
        var delivery = await DeliverAsync(after, workspace, Secret);
        Assert.Equal(HttpStatusCode.OK, delivery.StatusCode);
        Assert.Equal(1, (int)(await delivery.ReadJsonAsync())["records"]!);
    }

    [Fact]
    public async Task SiemAndAlertChannelSecretsFromBeforeUpgrade_AreEncryptedAtStartAndReadBackAsSent()
    {
        const string SiemSecret = "siem-hmac-0123456789abcdef", ChannelSecret = "alert-hmac-0123456789abcdef";
        var before = await StartAsync();
        var (workspace, key) = await WorkspaceAsync(before, ApiKeyScope.Admin);
        var client = Client(before, key);
        var ct = TestContext.Current.CancellationToken;
        (await client.PostAsJsonAsync($"/api/v1/workspaces/{workspace}/siem/destinations", new JsonObject
        {
            ["name"] = "SOC", ["kind"] = "webhook", ["enabled"] = false, ["endpoint"] = new JsonObject { ["url"] = "https://siem.example/hook" },
            ["secrets"] = new JsonObject { ["webhook_secret"] = SiemSecret },
        }, ct)).EnsureSuccessStatusCode();
        (await client.PostAsJsonAsync($"/api/v1/workspaces/{workspace}/alert_channels", new JsonObject
        {
            ["name"] = "SOC", ["kind"] = "webhook", ["url"] = "https://alerts.example/hook", ["secret"] = ChannelSecret,
        }, ct)).EnsureSuccessStatusCode();
        Assert.DoesNotContain(SiemSecret, await ScalarAsync("SELECT secrets FROM siem_destinations"), StringComparison.Ordinal);
        Assert.StartsWith(SecretProtector.Prefix, await ScalarAsync("SELECT secret FROM alert_channels"), StringComparison.Ordinal);
        // Put the rows back as versions before encryption stored them: the secrets in plaintext, through the engine's own stores.
        var destination = Assert.Single(await before.Services.GetRequiredService<ISiemStore>().ListAsync(workspace, ct));
        var channel = Assert.Single(await before.Services.GetRequiredService<IGovernanceStore>().ListChannelsAsync(workspace, ct));
        await before.Services.GetRequiredKeyedService<ISiemStore>(SecretsAtRestExtensions.UnprotectedStore).UpdateAsync(destination, ct);
        await before.Services.GetRequiredKeyedService<IGovernanceStore>(SecretsAtRestExtensions.UnprotectedStore).SaveChannelAsync(channel, ct);
        await StopAsync(before);
        Assert.Contains(SiemSecret, await ScalarAsync("SELECT secrets FROM siem_destinations"), StringComparison.Ordinal);
        Assert.Equal(ChannelSecret, await ScalarAsync("SELECT secret FROM alert_channels"));

        var after = await StartAsync();

        var storedSiem = await ScalarAsync("SELECT secrets FROM siem_destinations");
        Assert.DoesNotContain(SiemSecret, storedSiem, StringComparison.Ordinal);
        Assert.Contains(SecretProtector.Prefix, storedSiem, StringComparison.Ordinal);
        Assert.StartsWith(SecretProtector.Prefix, await ScalarAsync("SELECT secret FROM alert_channels"), StringComparison.Ordinal);
        Assert.Equal(SiemSecret, Assert.Single(await after.Services.GetRequiredService<ISiemStore>().ListAsync(workspace, ct)).Secrets.WebhookSecret);
        Assert.Equal(ChannelSecret, Assert.Single(await after.Services.GetRequiredService<IGovernanceStore>().ListChannelsAsync(workspace, ct)).Secret);
    }

    [Fact]
    public async Task CertificateConfigured_KeysAreStoredEncryptedAndSecretsStillVerify()
    {
        var pfx = Path.Combine(_folder.FullName, "keyring.pfx");
        using (var rsa = System.Security.Cryptography.RSA.Create(2048))
        {
            var request = new System.Security.Cryptography.X509Certificates.CertificateRequest(
                "CN=AgentLedger key ring", rsa, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
            await File.WriteAllBytesAsync(pfx, certificate.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pkcs12, "pfx-password"),
                TestContext.Current.CancellationToken);
        }

        var app = await StartAsync($"--DataProtection:CertificatePath={pfx}", "--DataProtection:CertificatePassword=pfx-password");
        var (workspace, key) = await WorkspaceAsync(app, ApiKeyScope.Admin);
        var settings = new JsonObject { ["webhook_secret"] = Secret, ["reviewer_logins"] = new JsonArray("Codertocat") };
        (await Client(app, key).PutAsJsonAsync($"/api/v1/workspaces/{workspace}/integrations/github", settings, TestContext.Current.CancellationToken))
            .EnsureSuccessStatusCode();

        var keyXml = Assert.Single(await KeyRingAsync());
        Assert.Contains("EncryptedData", keyXml, StringComparison.Ordinal);
        Assert.DoesNotContain("<masterKey", keyXml, StringComparison.Ordinal); // the unencrypted form's element
        Assert.Equal(HttpStatusCode.OK, (await DeliverAsync(app, workspace, Secret)).StatusCode);
    }

    [Fact]
    public async Task CertificatePath_Missing_FailsStartNamingTheKey()
    {
        var error = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() =>
            StartAsync($"--DataProtection:CertificatePath={Path.Combine(_folder.FullName, "missing.pfx")}"));

        Assert.Contains("DataProtection:CertificatePath", error.Message, StringComparison.Ordinal);
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        foreach (var app in _apps.ToList())
        {
            await StopAsync(app);
        }

        SqliteConnection.ClearAllPools();
        try
        {
            _folder.Delete(recursive: true);
        }
        catch (IOException)
        {
            // a file still held open by the OS is left in the temp folder; it holds only test data
        }
    }

    private async Task<WebApplication> StartAsync(params string[] extra)
    {
        var app = AgentLedgerApp.Build(["--urls", "http://127.0.0.1:0", $"--Storage:Sqlite:Path={DatabasePath}", "--Otlp:Grpc:Port=0",
            $"--Compliance:Exports:Path={Path.Combine(_folder.FullName, "exports")}", .. extra]);
        await app.StartAsync(TestContext.Current.CancellationToken);
        _apps.Add(app);
        return app;
    }

    private async Task StopAsync(WebApplication app)
    {
        _apps.Remove(app);
        await app.StopAsync(CancellationToken.None);
        await app.DisposeAsync();
    }

    private static async Task<(string Workspace, string Key)> WorkspaceAsync(WebApplication app, ApiKeyScope scopes)
    {
        var id = "ws-" + Guid.NewGuid().ToString("N")[..12];
        var issued = await app.Services.GetRequiredService<ApiKeyIssuer>().IssueAsync(id, "test key", scopes, CancellationToken.None);
        return (id, issued.Token);
    }

    private static HttpClient Client(WebApplication app, string? key)
    {
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var client = new HttpClient { BaseAddress = new Uri(address) };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new("Bearer", key);
        }

        return client;
    }

    private static async Task<HttpResponseMessage> DeliverAsync(WebApplication app, string workspace, string signWith)
    {
        var payload = await GitHubWebhookExamples.GetAsync("pull_request_review_comment", "created");
        payload["comment"]!["body"] = "**<sub><sub>![P1 Badge](https://img.shields.io/badge/P1-orange?style=flat)</sub></sub>  Fix it**";
        var body = Encoding.UTF8.GetBytes(payload.ToJsonString());
        var request = new HttpRequestMessage(HttpMethod.Post, $"{GitHubWebhookEndpoints.WebhookPath}?workspace_id={workspace}")
        {
            Content = new ByteArrayContent(body),
        };
        request.Headers.Add("X-GitHub-Event", "pull_request_review_comment");
        request.Headers.Add("X-GitHub-Delivery", Guid.NewGuid().ToString());
        request.Headers.Add("X-Hub-Signature-256", GitHubWebhookSignature.Sign(signWith, body));
        request.Content.Headers.ContentType = new("application/json");
        return await Client(app, null).SendAsync(request);
    }

    private async Task<string> StoredSecretAsync(string workspace)
    {
        await using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        return await connection.ExecuteScalarAsync<string>("SELECT webhook_secret FROM github_integrations WHERE workspace_id = @workspace", new { workspace })
               ?? throw new InvalidOperationException("no row");
    }

    private async Task<string> ScalarAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        return await connection.ExecuteScalarAsync<string>(sql) ?? throw new InvalidOperationException("no row");
    }

    private async Task<List<string>> KeyRingAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        return (await connection.QueryAsync<string>("SELECT xml FROM data_protection_keys")).ToList();
    }
}
