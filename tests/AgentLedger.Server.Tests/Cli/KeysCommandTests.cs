using System.Net;
using AgentLedger.Server.Hosting;
using AgentLedger.Server.Tests.Testing;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLedger.Server.Tests.Cli;

/// <summary>The README's key workflow, through the real executable: create, use, list, revoke.</summary>
public sealed class KeysCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("agentledger-cli-").FullName;

    private string DatabaseArg => $"--Storage:Sqlite:Path={Path.Combine(_folder, "cli.db")}";

    [Fact]
    public async Task KeysCreate_PrintsAKeyThatWorks_ListShowsItWithoutSecret_RevokeStopsIt()
    {
        var created = await RunAsync("keys", "create", "--workspace", "acme", "--scope", "ingest,compliance.read", "--name", "ci", DatabaseArg);
        Assert.Equal(0, created.ExitCode);
        var token = created.Output.Trim().Split('\n')[^1].Trim();
        Assert.StartsWith("al_", token, StringComparison.Ordinal);

        await using (var app = await StartServerAsync())
        {
            using var client = ClientFor(app, token);
            var ingest = await client.PostEventsAsync(EventBuilder.Batch(EventBuilder.Prompt()));
            Assert.Equal(HttpStatusCode.OK, ingest.StatusCode);
            // The last use is written off the request path; wait for it before stopping the server.
            var store = app.Services.GetRequiredService<AgentLedger.Core.Keys.IWorkspaceStore>();
            for (var i = 0; i < 100 && (await store.FindApiKeyAsync(token.Split('_')[1], CancellationToken.None))!.LastUsedAt is null; i++)
            {
                await Task.Delay(50);
            }
        }

        var listed = await RunAsync("keys", "list", "--workspace", "acme", DatabaseArg);
        Assert.Contains("ingest compliance.read", listed.Output, StringComparison.Ordinal);
        Assert.Matches(@"last used \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}Z", listed.Output);
        Assert.Contains(" ci", listed.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(token, listed.Output, StringComparison.Ordinal);

        var keyId = token.Split('_')[1];
        var revoked = await RunAsync("keys", "revoke", "--workspace", "acme", "--key-id", keyId, DatabaseArg);
        Assert.Equal(0, revoked.ExitCode);
        await using (var app = await StartServerAsync())
        {
            using var client = ClientFor(app, token);
            var after = await client.PostEventsAsync(EventBuilder.Batch(EventBuilder.Prompt()));
            Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        }

        var afterRevoke = await RunAsync("keys", "list", "--workspace", "acme", DatabaseArg);
        Assert.Matches(@"revoked .* last used \d{4}-", afterRevoke.Output);
    }

    [Fact]
    public async Task KeysCreateAndRevoke_AreAuditEventsOfTheLocalOperator_WithoutTheSecret()
    {
        var created = await RunAsync("keys", "create", "--workspace", "acme", "--scope", "compliance.read", "--name", "auditor", DatabaseArg);
        var token = created.Output.Trim().Split('\n')[^1].Trim();
        var keyId = token.Split('_')[1];
        await RunAsync("keys", "revoke", "--workspace", "acme", "--key-id", keyId, DatabaseArg);

        var database = new AgentLedger.Storage.Sqlite.SqliteDatabase(Microsoft.Extensions.Options.Options.Create(
            new AgentLedger.Storage.Sqlite.SqliteStorageOptions { Path = Path.Combine(_folder, "cli.db") }));
        var events = await new AgentLedger.Storage.Sqlite.SqliteAuditLog(database).ReadAfterSeqAsync("acme", 0, 10, CancellationToken.None);

        Assert.Equal(["API_KEY_CREATED", "API_KEY_REVOKED"], events.Select(e => e.Action));
        Assert.All(events, e => Assert.Equal((AgentLedger.Core.Compliance.AuditActor.LocalOperatorType, "admin"), (e.Actor.Type, e.Privilege)));
        Assert.All(events, e => Assert.Equal(keyId, (string?)e.ActionData!["key_id"]));
        Assert.DoesNotContain(token, events[0].ActionData!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeysCreate_UnknownScope_ExitsNonZeroNamingIt()
    {
        var result = await RunAsync("keys", "create", "--workspace", "acme", "--scope", "ingest,analytics.write", DatabaseArg);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("'analytics.write'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_OnNewDatabase_AppliesAndThenHasNothingLeft()
    {
        var first = await RunAsync("migrate", DatabaseArg);
        var second = await RunAsync("migrate", DatabaseArg);

        Assert.Equal(0, first.ExitCode);
        Assert.DoesNotContain(": 0 migration(s)", first.Output, StringComparison.Ordinal);
        Assert.Contains(": 0 migration(s) applied", second.Output, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private async Task<Microsoft.AspNetCore.Builder.WebApplication> StartServerAsync()
    {
        var app = AgentLedgerApp.Build(["--urls", "http://127.0.0.1:0", "--Otlp:Grpc:Port=0", DatabaseArg]);
        await app.StartAsync();
        return app;
    }

    private static HttpClient ClientFor(Microsoft.AspNetCore.Builder.WebApplication app, string token)
    {
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var client = new HttpClient { BaseAddress = new Uri(address) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args) => AgentLedgerCli.RunAsync(_folder, args);
}
