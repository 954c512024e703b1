using AgentLedger.Otlp.Mapping;
using AgentLedger.Otlp.Proto.Collector.Logs.V1;
using Grpc.Core;

namespace AgentLedger.Server.Features.Ingestion.Otlp;

/// <summary><c>opentelemetry.proto.collector.logs.v1.LogsService/Export</c>.</summary>
public sealed class LogsGrpcService(OtlpGrpcReceiver receiver) : LogsService.LogsServiceBase
{
    public override async Task<ExportLogsServiceResponse> Export(ExportLogsServiceRequest request, ServerCallContext context)
    {
        await receiver.ExportAsync(OtlpSignal.Logs, request, context).ConfigureAwait(false);
        return new ExportLogsServiceResponse();
    }
}
