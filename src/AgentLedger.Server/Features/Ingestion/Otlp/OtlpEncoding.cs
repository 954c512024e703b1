namespace AgentLedger.Server.Features.Ingestion.Otlp;

/// <summary>The two OTLP/HTTP body encodings; a reply uses the request's.</summary>
public enum OtlpEncoding
{
    Protobuf,
    Json,
}
