using AgentLedger.Otlp.Mapping;
using AgentLedger.Otlp.Proto.Collector.Trace.V1;
using Grpc.Core;

namespace AgentLedger.Server.Features.Ingestion.Otlp;

/// <summary><c>opentelemetry.proto.collector.trace.v1.TraceService/Export</c>.</summary>
public sealed class TraceGrpcService(OtlpGrpcReceiver receiver) : TraceService.TraceServiceBase
{
    public override async Task<ExportTraceServiceResponse> Export(ExportTraceServiceRequest request, ServerCallContext context)
    {
        await receiver.ExportAsync(OtlpSignal.Traces, request, context).ConfigureAwait(false);
        return new ExportTraceServiceResponse();
    }
}
