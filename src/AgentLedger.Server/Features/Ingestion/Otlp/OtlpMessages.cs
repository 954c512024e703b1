using AgentLedger.Otlp.Decoding;
using AgentLedger.Otlp.Mapping;
using AgentLedger.Otlp.Proto.Collector.Logs.V1;
using AgentLedger.Otlp.Proto.Collector.Metrics.V1;
using AgentLedger.Otlp.Proto.Collector.Trace.V1;
using Google.Protobuf;

namespace AgentLedger.Server.Features.Ingestion.Otlp;

/// <summary>The request and response messages of each OTLP signal.</summary>
internal static class OtlpMessages
{
    /// <exception cref="OtlpDecodeException">The body is not a valid request of the signal in the encoding.</exception>
    public static IMessage Decode(OtlpSignal signal, byte[] body, OtlpEncoding encoding) => (signal, encoding) switch
    {
        (OtlpSignal.Logs, OtlpEncoding.Json) => OtlpJsonDecoder.Decode<ExportLogsServiceRequest>(body),
        (OtlpSignal.Logs, _) => OtlpProtobufDecoder.Decode<ExportLogsServiceRequest>(body),
        (OtlpSignal.Metrics, OtlpEncoding.Json) => OtlpJsonDecoder.Decode<ExportMetricsServiceRequest>(body),
        (OtlpSignal.Metrics, _) => OtlpProtobufDecoder.Decode<ExportMetricsServiceRequest>(body),
        (_, OtlpEncoding.Json) => OtlpJsonDecoder.Decode<ExportTraceServiceRequest>(body),
        _ => OtlpProtobufDecoder.Decode<ExportTraceServiceRequest>(body),
    };

    /// <summary>A success reply. Nothing a valid request carries is rejected (unknown items are kept), so it has no partial success.</summary>
    public static IMessage Success(OtlpSignal signal) => signal switch
    {
        OtlpSignal.Logs => new ExportLogsServiceResponse(),
        OtlpSignal.Metrics => new ExportMetricsServiceResponse(),
        _ => new ExportTraceServiceResponse(),
    };

    public static string Path(OtlpSignal signal) => signal switch
    {
        OtlpSignal.Logs => "/v1/logs",
        OtlpSignal.Metrics => "/v1/metrics",
        _ => "/v1/traces",
    };
}
