namespace AgentLedger.Server.Features.Ingestion.Otlp;

/// <summary>An OTLP request over <see cref="IngestOptions.MaxRecordsPerRequest"/>; nothing of it was stored. Not retryable as is.</summary>
public sealed class OtlpRequestTooLargeException(string message) : Exception(message);
