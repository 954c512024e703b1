using AgentLedger.Core.Keys;
using AgentLedger.Otlp.Mapping;
using AgentLedger.Server.Auth;
using AgentLedger.Server.Features.Limits;

namespace AgentLedger.Server.Features.Ingestion.Otlp;

/// <summary><c>POST /v1/logs</c>, <c>/v1/metrics</c>, <c>/v1/traces</c>: where OTLP/HTTP exporters send.</summary>
public static class OtlpHttpEndpoints
{
    public static IEndpointRouteBuilder MapOtlpHttp(this IEndpointRouteBuilder routes)
    {
        routes.MapPost(OtlpMessages.Path(OtlpSignal.Logs), LogsAsync).WithName("OtlpExportLogs").WithTags("Ingestion")
            .ChecksScopeInHandler(ApiKeyScope.Ingest).WithMetadata(new IngestBodyLimit());
        routes.MapPost(OtlpMessages.Path(OtlpSignal.Metrics), MetricsAsync).WithName("OtlpExportMetrics").WithTags("Ingestion")
            .ChecksScopeInHandler(ApiKeyScope.Ingest).WithMetadata(new IngestBodyLimit());
        routes.MapPost(OtlpMessages.Path(OtlpSignal.Traces), TracesAsync).WithName("OtlpExportTraces").WithTags("Ingestion")
            .ChecksScopeInHandler(ApiKeyScope.Ingest).WithMetadata(new IngestBodyLimit());
        return routes;
    }

    public static Task LogsAsync(HttpContext http, OtlpHttpReceiver receiver, CancellationToken cancellationToken) =>
        receiver.ReceiveAsync(http, OtlpSignal.Logs, cancellationToken);

    public static Task MetricsAsync(HttpContext http, OtlpHttpReceiver receiver, CancellationToken cancellationToken) =>
        receiver.ReceiveAsync(http, OtlpSignal.Metrics, cancellationToken);

    public static Task TracesAsync(HttpContext http, OtlpHttpReceiver receiver, CancellationToken cancellationToken) =>
        receiver.ReceiveAsync(http, OtlpSignal.Traces, cancellationToken);
}
