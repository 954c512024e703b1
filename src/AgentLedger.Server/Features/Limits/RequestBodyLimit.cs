namespace AgentLedger.Server.Features.Limits;

/// <summary>
/// Endpoint metadata: the endpoint reads its body through <c>IngestBodyReader</c>, which applies the ingest caps
/// (<c>Ingest:MaxBodyBytes</c>, <c>Ingest:MaxDecompressedBytes</c>) and answers 413 in the endpoint's own shape, so
/// the server lets the body through up to that cap instead of <see cref="RequestLimitsOptions.MaxRequestBodyBytes"/>.
/// </summary>
public sealed record IngestBodyLimit;
