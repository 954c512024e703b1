using AgentLedger.Server.Hosting;
using Microsoft.Extensions.Hosting;

namespace AgentLedger.Fuzz;

/// <summary>
/// The server's services on a throw-away SQLite file: the webhook mapper reads stored comments (replies, reactions)
/// through the real store, as it does in the server.
/// </summary>
public sealed class FuzzHost : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "agentledger-fuzz-" + Guid.NewGuid().ToString("N"));
    private IHost? _host;

    public IServiceProvider Services => _host!.Services;

    public static async Task<FuzzHost> StartAsync()
    {
        var fuzz = new FuzzHost();
        Directory.CreateDirectory(fuzz._folder);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = [$"--Storage:Sqlite:Path={Path.Combine(fuzz._folder, "fuzz.db")}", "--Logging:LogLevel:Default=Warning", "--Compliance:Logs:SealingEnabled=false", "--Compliance:Exports:RunnerEnabled=false", $"--Compliance:Exports:Path={Path.Combine(fuzz._folder, "exports")}"],
            ContentRootPath = AppContext.BaseDirectory,
        });
        AgentLedgerApp.AddServices(builder);
        fuzz._host = builder.Build();
        await fuzz._host.StartAsync().ConfigureAwait(false);
        return fuzz;
    }

    public Task StopAsync() => _host?.StopAsync() ?? Task.CompletedTask;

    public void Dispose()
    {
        _host?.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // left in the temp folder; it holds only fuzz data
        }
    }
}
