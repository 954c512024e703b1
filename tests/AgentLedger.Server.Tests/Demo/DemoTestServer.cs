using System.Net;
using System.Text.Json;
using AgentLedger.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLedger.Server.Tests.Demo;

/// <summary>
/// The real AgentLedger host, as <c>agentledger serve</c> builds it, on a free loopback port with a SQLite file of
/// the test's own and a clock fixed at <see cref="Now"/>, so that every run plans the same demo window.
/// </summary>
internal sealed class DemoTestServer : IAsyncDisposable
{
    /// <summary>A Wednesday afternoon: a 10-day window holds two weekdays of this week, a weekend and last week.</summary>
    public static readonly DateTimeOffset Now = new(2026, 3, 4, 15, 30, 0, TimeSpan.Zero);

    public const string WorkspaceId = "demo";

    private readonly WebApplication _app;
    private readonly HttpClient _http;

    private DemoTestServer(WebApplication app)
    {
        _app = app;
        _http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
    }

    public IServiceProvider Services => _app.Services;

    /// <param name="configure">Extra registrations, applied after the fixed clock (test seams).</param>
    public static async Task<DemoTestServer> StartAsync(
        string databasePath, bool demo, CancellationToken cancellationToken, int users = 20, int days = 10, Action<IServiceCollection>? configure = null)
    {
        var app = AgentLedgerApp.Build(
            [
                "--urls", "http://127.0.0.1:0", "--Otlp:Grpc:Port=0",
                $"--Storage:Sqlite:Path={databasePath}",
                $"--Demo:Enabled={demo}",
                $"--Demo:Users={users}",
                $"--Demo:Days={days}",
                "--Logging:LogLevel:Default=Warning",
            ],
            builder =>
            {
                builder.Services.AddSingleton<TimeProvider>(new FixedClock(Now));
                configure?.Invoke(builder.Services);
            });
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return new DemoTestServer(app);
    }

    public async Task<HttpResponseMessage> GetAsync(string path, CancellationToken cancellationToken) =>
        await _http.GetAsync(new Uri(path, UriKind.Relative), cancellationToken);

    /// <summary>Polls <c>/health/ready</c> until it answers 200; returns its JSON body.</summary>
    public async Task<JsonElement> WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        var last = "";
        while (DateTime.UtcNow < deadline)
        {
            using var response = await GetAsync("/health/ready", cancellationToken);
            last = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return JsonDocument.Parse(last).RootElement.Clone();
            }

            await Task.Delay(50, cancellationToken);
        }

        throw new TimeoutException($"/health/ready did not become ready; last answer: {last}");
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}
