namespace AgentLedger.Otlp.Decoding;

/// <summary>
/// An OTLP request body could not be decoded. The message names what is wrong and where (a JSON path such as
/// <c>resourceLogs[0].scopeLogs[1].logRecords[3].traceId</c>, or the protobuf message), so that the sender
/// can fix it; it never contains attribute values, which may be prompts or secrets.
/// </summary>
public sealed class OtlpDecodeException : Exception
{
    public OtlpDecodeException()
    {
    }

    public OtlpDecodeException(string message)
        : base(message)
    {
    }

    public OtlpDecodeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
