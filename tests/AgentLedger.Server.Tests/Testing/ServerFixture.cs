using System.Net.Http.Headers;
using AgentLedger.Core.Keys;
using AgentLedger.Server.Features.Admin;
using AgentLedger.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLedger.Server.Tests.Testing;

/// <summary>
/// A real AgentLedger (Kestrel on a loopback port, SQLite in a temp folder) for a test class. Tests isolate
/// themselves by creating their own workspace with <see cref="NewWorkspaceAsync"/>; nothing is shared but the process.
/// </summary>
public class ServerFixture : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "agentledger-tests-" + Guid.NewGuid().ToString("N"));
    private WebApplication? _app;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The OTLP/gRPC port (HTTP/2 without TLS).</summary>
    public Uri GrpcAddress { get; private set; } = null!;

    public IServiceProvider Services => _app!.Services;

    public string DatabasePath => Path.Combine(_folder, "agentledger.db");

    public string ExportsPath => Path.Combine(_folder, "exports");

    /// <summary>Extra host arguments, e.g. lower limits; set by subclasses before start.</summary>
    protected virtual IEnumerable<string> ExtraArgs => [];

    /// <summary>Extra registrations, applied last (e.g. a log capture); set by subclasses.</summary>
    protected virtual void ConfigureBuilder(WebApplicationBuilder builder)
    {
    }

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        _app = AgentLedgerApp.Build(
        [
            "--urls", "http://127.0.0.1:0", $"--Storage:Sqlite:Path={DatabasePath}", "--Otlp:Grpc:Port=0", $"--Compliance:Exports:Path={ExportsPath}",
            .. ExtraArgs,
        ], ConfigureBuilder);
        await _app.StartAsync();
        // The main URL is bound first, the OTLP/gRPC port last.
        var addresses = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.ToList();
        BaseAddress = new Uri(addresses[0]);
        GrpcAddress = new Uri(addresses[^1]);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // a file still held open by the OS is left in the temp folder; it holds only test data
        }
    }

    /// <summary>A fresh workspace with a key of the given scopes.</summary>
    public async Task<TestWorkspace> NewWorkspaceAsync(ApiKeyScope scopes = ApiKeyScope.Ingest | ApiKeyScope.AnalyticsRead | ApiKeyScope.ComplianceRead)
    {
        var id = "ws-" + Guid.NewGuid().ToString("N")[..12];
        var key = await IssueKeyAsync(id, scopes);
        return new TestWorkspace(id, key, this);
    }

    public async Task<string> IssueKeyAsync(string workspaceId, ApiKeyScope scopes)
    {
        var issued = await Services.GetRequiredService<ApiKeyIssuer>().IssueAsync(workspaceId, "test key", scopes, CancellationToken.None);
        return issued.Token;
    }

    public HttpClient Client(string? apiKey)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }

        return client;
    }
}

/// <summary>A workspace created for one test, with a key and a client using it.</summary>
public sealed record TestWorkspace(string Id, string Key, ServerFixture Server)
{
    public HttpClient Client() => Server.Client(Key);
}
