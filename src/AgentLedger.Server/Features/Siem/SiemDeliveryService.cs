using AgentLedger.Core.Jobs;
using AgentLedger.Core.Siem;
using Microsoft.Extensions.Options;

namespace AgentLedger.Server.Features.Siem;

/// <summary>
/// The background job of SIEM delivery. Every poll it lists the enabled destinations and runs one
/// <see cref="SiemDeliverer"/> per destination whose job lease (<see cref="SiemDestination.LeaseName"/>) this instance
/// gets, so that each destination has one deliverer across all instances and a slow one never holds up another. A
/// destination whose configuration changed is restarted with it; a deleted or disabled one is stopped.
/// </summary>
public sealed partial class SiemDeliveryService(
    ISiemStore store,
    IJobLease leases,
    SiemItemSource source,
    SiemSenderFactory senders,
    IOptions<SiemOptions> options,
    TimeProvider time,
    ILoggerFactory loggers) : BackgroundService
{
    private readonly ILogger _logger = loggers.CreateLogger<SiemDeliveryService>();
    private readonly Dictionary<string, Running> _running = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.DeliveryEnabled)
        {
            LogDisabled(_logger);
            return;
        }

        using var timer = new PeriodicTimer(settings.PollInterval, time);
        try
        {
            do
            {
                try
                {
                    await SuperviseAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    LogRoundFailed(_logger, ex);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // shutting down
        }
        finally
        {
            foreach (var running in _running.Values)
            {
                await running.StopAsync().ConfigureAwait(false);
            }

            _running.Clear();
        }
    }

    private async Task SuperviseAsync(CancellationToken stoppingToken)
    {
        var enabled = (await store.ListEnabledAsync(stoppingToken).ConfigureAwait(false)).ToDictionary(d => d.WorkspaceId + "/" + d.Id);
        foreach (var (key, running) in _running.ToList())
        {
            if (running.Task.IsCompleted || !enabled.TryGetValue(key, out var current) || current.UpdatedAt != running.Destination.UpdatedAt)
            {
                await running.StopAsync().ConfigureAwait(false);
                _running.Remove(key);
            }
        }

        foreach (var (key, destination) in enabled)
        {
            if (!_running.ContainsKey(key))
            {
                var cancellation = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                _running[key] = new Running(destination, cancellation, RunDestinationAsync(destination, cancellation.Token));
            }
        }
    }

    private async Task RunDestinationAsync(SiemDestination destination, CancellationToken cancellationToken)
    {
        await Task.Yield();
        try
        {
            await using var lease = await leases.TryAcquireAsync(destination.LeaseName, cancellationToken).ConfigureAwait(false);
            if (lease is null)
            {
                return;
            }

            await using var sender = senders.Create(destination);
            var settings = options.Value;
            var deliverer = new SiemDeliverer(destination, sender, store, source, new SiemRetryPolicy(settings.RetryInitial, settings.RetryMax),
                settings.PollInterval, time, loggers.CreateLogger<SiemDeliverer>());
            await deliverer.RunAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // stopped: the checkpoint is where the last commit left it
        }
        catch (Exception ex)
        {
            // The next supervision round starts it again from its checkpoint.
            LogDestinationFailed(_logger, destination.Id, ex);
        }
    }

    private sealed record Running(SiemDestination Destination, CancellationTokenSource Cancellation, Task Task)
    {
        public async Task StopAsync()
        {
            await Cancellation.CancelAsync().ConfigureAwait(false);
            await Task.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            Cancellation.Dispose();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "SIEM delivery is off on this instance (Siem:DeliveryEnabled=false)")]
    private static partial void LogDisabled(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "A round of SIEM delivery supervision failed; the next round retries")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "SIEM destination {DestinationId} stopped on an error; it restarts from its checkpoint")]
    private static partial void LogDestinationFailed(ILogger logger, string destinationId, Exception exception);
}
