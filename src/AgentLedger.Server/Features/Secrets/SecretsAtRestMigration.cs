using AgentLedger.Core.Governance;
using AgentLedger.Core.Integrations;
using AgentLedger.Core.Keys;
using AgentLedger.Core.Siem;

namespace AgentLedger.Server.Features.Secrets;

/// <summary>
/// Rewrites, once at start, secrets that a version before encryption stored in plaintext (GitHub webhook secrets,
/// SIEM destination secrets, alert channel secrets): each is read through the engine's own store and saved encrypted.
/// Runs after the schema is migrated and before the server takes requests; reading a plaintext value stays possible
/// meanwhile (<see cref="SecretProtector.Unprotect"/>), so nothing breaks if it has not run yet.
/// </summary>
internal sealed partial class SecretsAtRestMigration(
    [FromKeyedServices(SecretsAtRestExtensions.UnprotectedStore)] IGitHubIntegrationStore gitHub,
    [FromKeyedServices(SecretsAtRestExtensions.UnprotectedStore)] ISiemStore siem,
    [FromKeyedServices(SecretsAtRestExtensions.UnprotectedStore)] IGovernanceStore governance,
    IWorkspaceStore workspaces, SecretProtector protector, TimeProvider time, ILogger<SecretsAtRestMigration> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var encrypted = 0;
        foreach (var integration in await gitHub.ListAllAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!SecretProtector.IsProtected(integration.WebhookSecret))
            {
                await gitHub.SaveAsync(integration with { WebhookSecret = protector.Protect(integration.WebhookSecret) }, time.GetUtcNow(), cancellationToken)
                    .ConfigureAwait(false);
                encrypted++;
            }
        }

        foreach (var workspace in await workspaces.ListWorkspacesAsync(cancellationToken).ConfigureAwait(false))
        {
            foreach (var destination in await siem.ListAsync(workspace.Id, cancellationToken).ConfigureAwait(false))
            {
                if (ProtectedSiemStore.HasPlaintext(destination))
                {
                    await siem.UpdateAsync(ProtectedSiemStore.Protect(destination, protector, all: false), cancellationToken).ConfigureAwait(false);
                    encrypted++;
                }
            }

            foreach (var channel in await governance.ListChannelsAsync(workspace.Id, cancellationToken).ConfigureAwait(false))
            {
                if (channel.Secret is { } secret && !SecretProtector.IsProtected(secret))
                {
                    await governance.SaveChannelAsync(channel with { Secret = protector.Protect(secret) }, cancellationToken).ConfigureAwait(false);
                    encrypted++;
                }
            }
        }

        if (encrypted > 0)
        {
            LogEncrypted(logger, encrypted);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Encrypted {Count} secrets stored in plaintext by an earlier version")]
    private static partial void LogEncrypted(ILogger logger, int count);
}
