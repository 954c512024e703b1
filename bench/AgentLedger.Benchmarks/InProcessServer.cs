using System.Net.Http.Headers;
using AgentLedger.Core.Keys;
using AgentLedger.Server.Features.Admin;
using AgentLedger.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLedger.Benchmarks;

/// <summary>The real server (AgentLedgerApp, Kestrel on a kernel-chosen loopback port) inside the benchmark process.</summary>
internal sealed class InProcessServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private InProcessServer(WebApplication app, HttpClient client)
    {
        _app = app;
        Client = client;
    }

    /// <summary>A client with an ingest key of the server's workspace.</summary>
    public HttpClient Client { get; }

    public static async Task<InProcessServer> StartAsync(string databasePath, string workspaceId)
    {
        var app = AgentLedgerApp.Build(
        [
            "--urls", "http://127.0.0.1:0", "--Otlp:Grpc:Port=0",
            "--Storage:Sqlite:Path=" + databasePath,
            "--Logging:LogLevel:Default=Warning",
        ]);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var key = await app.Services.GetRequiredService<ApiKeyIssuer>().IssueAsync(workspaceId, "bench", ApiKeyScope.Ingest, CancellationToken.None);
        var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = new Uri(address) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key.Token);
        return new InProcessServer(app, client);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
