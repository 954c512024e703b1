using AgentLedger.Server.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AgentLedger.Server.Features.Health;

/// <summary>Ready when the database answers and its schema is current.</summary>
internal sealed class StorageHealthCheck(IStorageMigrator migrator) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var pending = await migrator.PendingAsync(cancellationToken).ConfigureAwait(false);
            return pending.Count == 0
                ? HealthCheckResult.Healthy(migrator.Describe())
                : HealthCheckResult.Unhealthy($"{migrator.Describe()} needs migrations {string.Join(", ", pending)}.");
        }
        catch (Exception ex)
        {
            return HealthCheckResult.Unhealthy($"{migrator.Describe()} is not reachable.", ex);
        }
    }
}
