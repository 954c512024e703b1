using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AgentLedger.Server.Features.Demo;

/// <summary>
/// The <c>demo</c> entry of <c>/health/ready</c>: unhealthy until the demo workspace is seeded (so a script that waits
/// for readiness sees every chart filled), healthy afterwards. A failed seeding is degraded, not unhealthy: the
/// server itself works, only the demo workspace is incomplete.
/// </summary>
internal sealed class DemoSeedingHealthCheck : IHealthCheck
{
    private readonly Lock _gate = new();
    private HealthCheckResult _result = HealthCheckResult.Unhealthy("Demo seeding has not started yet.");

    public void Seeding(string workspaceId, DemoProgress progress) =>
        Set(HealthCheckResult.Unhealthy(string.Create(CultureInfo.InvariantCulture,
            $"Seeding workspace '{workspaceId}': day {progress.DaysDone} of {progress.Days}, {progress.RecordsStored:N0} records stored.")));

    public void Seeded(string description) => Set(HealthCheckResult.Healthy(description));

    public void Failed(string reason) => Set(HealthCheckResult.Degraded($"Demo seeding failed: {reason}"));

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_result);
        }
    }

    private void Set(HealthCheckResult result)
    {
        lock (_gate)
        {
            _result = result;
        }
    }
}
