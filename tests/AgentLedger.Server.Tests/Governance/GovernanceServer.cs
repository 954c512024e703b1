using System.Net.Http.Headers;
using AgentLedger.Core.Keys;
using AgentLedger.Server.Features.Admin;
using AgentLedger.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AgentLedger.Server.Tests.Governance;

/// <summary>
/// The real AgentLedger host (Kestrel on loopback, SQLite in a temp folder) with a fake clock the test moves, and the
/// governance job's timer off: the test runs its rounds itself.
/// </summary>
internal sealed class GovernanceServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _folder;

    private GovernanceServer(WebApplication app, string folder, FakeTimeProvider clock)
    {
        _app = app;
        _folder = folder;
        Clock = clock;
        BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    public FakeTimeProvider Clock { get; }

    public Uri BaseAddress { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<GovernanceServer> StartAsync(DateTimeOffset now, params string[] args)
    {
        var folder = Directory.CreateTempSubdirectory("agentledger-governance-").FullName;
        var clock = new FakeTimeProvider(now);
        var app = AgentLedgerApp.Build(
            [
                "--urls", "http://127.0.0.1:0", "--Otlp:Grpc:Port=0", $"--Storage:Sqlite:Path={Path.Combine(folder, "agentledger.db")}",
                $"--Compliance:Exports:Path={Path.Combine(folder, "exports")}", "--Compliance:Logs:SealingEnabled=false",
                "--Governance:JobEnabled=false", "--Logging:LogLevel:Default=Warning", .. args,
            ],
            builder => builder.Services.AddSingleton<TimeProvider>(clock));
        await app.StartAsync();
        return new GovernanceServer(app, folder, clock);
    }

    public async Task<(string WorkspaceId, HttpClient Client)> NewWorkspaceAsync(
        ApiKeyScope scopes = ApiKeyScope.Ingest | ApiKeyScope.AnalyticsRead | ApiKeyScope.ComplianceRead | ApiKeyScope.Admin)
    {
        var id = "ws-" + Guid.NewGuid().ToString("N")[..12];
        return (id, await ClientAsync(id, scopes));
    }

    public async Task<HttpClient> ClientAsync(string workspaceId, ApiKeyScope scopes)
    {
        var issued = await Services.GetRequiredService<ApiKeyIssuer>().IssueAsync(workspaceId, "test key", scopes, CancellationToken.None);
        var client = new HttpClient { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", issued.Token);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // a file still held open is left in the temp folder; it holds only test data
        }
    }
}
