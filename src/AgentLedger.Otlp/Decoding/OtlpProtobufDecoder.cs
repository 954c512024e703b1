using Google.Protobuf;

namespace AgentLedger.Otlp.Decoding;

/// <summary>Decodes OTLP/protobuf request bodies, turning the runtime's parse errors into <see cref="OtlpDecodeException"/>.</summary>
public static class OtlpProtobufDecoder
{
    public static T Decode<T>(ReadOnlySpan<byte> body)
        where T : class, IMessage<T>, new()
    {
        var message = new T();
        try
        {
            message.MergeFrom(body);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new OtlpDecodeException($"Invalid OTLP/protobuf {message.Descriptor.Name}: {ex.Message}", ex);
        }

        return message;
    }
}
