using AgentLedger.Core.Integrations;

namespace AgentLedger.Server.Features.Secrets;

/// <summary>
/// Rewrites, once at start, secrets that a version before encryption stored in plaintext: each is read through the
/// undecorated store and saved encrypted. Runs after the schema is migrated and before the server takes requests;
/// reading a plaintext value stays possible meanwhile (<see cref="SecretProtector.Unprotect"/>), so nothing breaks if
/// it has not run yet.
/// </summary>
internal sealed partial class SecretsAtRestMigration(
    [FromKeyedServices(SecretsAtRestExtensions.UnprotectedStore)] IGitHubIntegrationStore gitHub,
    SecretProtector protector, TimeProvider time, ILogger<SecretsAtRestMigration> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var encrypted = 0;
        foreach (var integration in await gitHub.ListAllAsync(cancellationToken).ConfigureAwait(false))
        {
            if (SecretProtector.IsProtected(integration.WebhookSecret))
            {
                continue;
            }

            await gitHub.SaveAsync(integration with { WebhookSecret = protector.Protect(integration.WebhookSecret) }, time.GetUtcNow(), cancellationToken)
                .ConfigureAwait(false);
            encrypted++;
        }

        if (encrypted > 0)
        {
            LogEncrypted(logger, encrypted, "GitHub webhook secrets");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Encrypted {Count} {What} stored in plaintext by an earlier version")]
    private static partial void LogEncrypted(ILogger logger, int count, string what);
}
