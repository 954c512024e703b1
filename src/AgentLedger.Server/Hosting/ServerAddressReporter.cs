using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace AgentLedger.Server.Hosting;

/// <summary>Prints where the server listens once Kestrel has bound its addresses (port 0 resolved).</summary>
internal sealed partial class ServerAddressReporter(IServer server, IHostApplicationLifetime lifetime, ILogger<ServerAddressReporter> logger)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            foreach (var address in addresses)
            {
                LogListening(logger, address);
            }
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "AgentLedger listening on {Address}")]
    private static partial void LogListening(ILogger logger, string address);
}
