namespace AgentLedger.Server.Features.Ingestion;

/// <summary>A request body read within the limits, or why it could not be.</summary>
public sealed record IngestBody(byte[]? Bytes, IngestBodyError Error, string? Message)
{
    public static IngestBody Ok(byte[] bytes) => new(bytes, IngestBodyError.None, null);

    public static IngestBody Fail(IngestBodyError error, string message) => new(null, error, message);
}

public enum IngestBodyError
{
    None,
    TooLarge,
    UnsupportedEncoding,
    CorruptEncoding,
}
