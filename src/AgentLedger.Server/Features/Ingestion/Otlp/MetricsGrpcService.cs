using AgentLedger.Otlp.Mapping;
using AgentLedger.Otlp.Proto.Collector.Metrics.V1;
using Grpc.Core;

namespace AgentLedger.Server.Features.Ingestion.Otlp;

/// <summary><c>opentelemetry.proto.collector.metrics.v1.MetricsService/Export</c>.</summary>
public sealed class MetricsGrpcService(OtlpGrpcReceiver receiver) : MetricsService.MetricsServiceBase
{
    public override async Task<ExportMetricsServiceResponse> Export(ExportMetricsServiceRequest request, ServerCallContext context)
    {
        await receiver.ExportAsync(OtlpSignal.Metrics, request, context).ConfigureAwait(false);
        return new ExportMetricsServiceResponse();
    }
}
