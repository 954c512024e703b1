using Microsoft.Extensions.Options;

namespace AgentLedger.Server.Features.Governance.Alerts;

/// <summary>Runs <see cref="GovernanceCycle"/> every <see cref="GovernanceOptions.PollInterval"/> (unless <c>Governance:JobEnabled</c> is false).</summary>
public sealed partial class GovernanceJob(GovernanceCycle cycle, IOptions<GovernanceOptions> options, TimeProvider time, ILogger<GovernanceJob> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.JobEnabled)
        {
            LogDisabled(logger);
            return;
        }

        using var timer = new PeriodicTimer(options.Value.PollInterval, time);
        do
        {
            try
            {
                await cycle.RunOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // Raising is idempotent and deliveries are durable, so the next round picks up where this one failed.
                LogRoundFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The governance job is disabled on this instance (Governance:JobEnabled=false)")]
    private static partial void LogDisabled(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "A governance round failed; the next round retries")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);
}
