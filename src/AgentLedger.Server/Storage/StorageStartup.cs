using Microsoft.Extensions.Options;

namespace AgentLedger.Server.Storage;

/// <summary>
/// Runs before the server accepts requests: applies migrations when <see cref="StorageOptions.MigratesOnStart"/>
/// is set, and otherwise refuses to start on an out-of-date schema with a message naming the fix.
/// </summary>
internal sealed partial class StorageStartup(IStorageMigrator migrator, IOptions<StorageOptions> options, ILogger<StorageStartup> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.MigratesOnStart)
        {
            var applied = await migrator.MigrateAsync(cancellationToken).ConfigureAwait(false);
            LogReady(logger, migrator.Describe(), applied);
            return;
        }

        var pending = await migrator.PendingAsync(cancellationToken).ConfigureAwait(false);
        if (pending.Count > 0)
        {
            throw new InvalidOperationException(
                $"The database ({migrator.Describe()}) needs migrations {string.Join(", ", pending)}. " +
                "Run 'agentledger migrate' or set Storage:MigrateOnStart=true.");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Storage ready: {Storage} ({Applied} migrations applied now)")]
    private static partial void LogReady(ILogger logger, string storage, int applied);
}
