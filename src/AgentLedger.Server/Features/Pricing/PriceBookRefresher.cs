using Microsoft.Extensions.Options;

namespace AgentLedger.Server.Features.Pricing;

/// <summary>
/// Loads the workspace price books before the server takes traffic (so the first record is priced by its workspace's
/// book), then reloads them on an interval so that a change made through another instance applies here too.
/// </summary>
internal sealed partial class PriceBookRefresher(
    WorkspacePriceBooks books, IOptions<PriceBookOptions> options, TimeProvider time, ILogger<PriceBookRefresher> logger) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await books.RefreshAsync(cancellationToken).ConfigureAwait(false);
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RefreshInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await books.RefreshAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The previous snapshot keeps pricing; the next tick tries again.
                    LogRefreshFailed(logger, e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reloading the workspace price books failed; the loaded books stay in use")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);
}
