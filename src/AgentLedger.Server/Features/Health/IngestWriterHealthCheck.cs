using AgentLedger.Core.Ingestion;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AgentLedger.Server.Features.Health;

/// <summary>Ready while the single ingest writer is running.</summary>
internal sealed class IngestWriterHealthCheck(IngestBatchWriter writer) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(writer.IsRunning
            ? HealthCheckResult.Healthy($"{writer.CommittedRecords} records committed since start.")
            : HealthCheckResult.Unhealthy("The ingest writer has stopped; see the log."));
}
