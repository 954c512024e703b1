using AgentLedger.Core.Siem;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AgentLedger.Server.Features.Siem;

/// <summary>
/// <c>/health/ready</c>'s <c>siem</c> entry: degraded (HTTP 200, so a load balancer keeps the instance) when any enabled
/// destination is degraded, naming them with their lag; never unhealthy, since ingest and every API still work and
/// the records wait durably for the destination to come back.
/// </summary>
internal sealed class SiemHealthCheck(ISiemStore store, SiemStatusReader statuses) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var destinations = await store.ListEnabledAsync(cancellationToken).ConfigureAwait(false);
        var lagging = new List<string>();
        foreach (var destination in destinations)
        {
            if (await statuses.ReadAsync(destination, cancellationToken).ConfigureAwait(false) is { Degraded: true } status)
            {
                lagging.Add($"{destination.WorkspaceId}/{destination.Id} ({SiemWireNames.Of(destination.Kind)}) lags {status.LagRecords} records, "
                            + $"{status.LagSeconds:0} s" + (status.State.LastError is { } error ? $", last error: {error}" : ""));
            }
        }

        return lagging.Count == 0
            ? HealthCheckResult.Healthy($"{destinations.Count} SIEM destinations enabled, none lagging.")
            : HealthCheckResult.Degraded($"{lagging.Count} of {destinations.Count} SIEM destinations lag: {string.Join("; ", lagging)}.");
    }
}
