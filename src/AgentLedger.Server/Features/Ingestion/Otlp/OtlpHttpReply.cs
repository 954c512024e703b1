using AgentLedger.Otlp.Proto.Rpc;
using Google.Protobuf;

namespace AgentLedger.Server.Features.Ingestion.Otlp;

/// <summary>
/// Writes OTLP/HTTP replies in the request's encoding: the export response on success, a <c>google.rpc.Status</c>
/// on failure (https://opentelemetry.io/docs/specs/otlp/#failures-1) — never ProblemDetails, which exporters do not read.
/// </summary>
internal static class OtlpHttpReply
{
    public const string ProtobufContentType = "application/x-protobuf";
    public const string JsonContentType = "application/json";

    public static Task WriteAsync(HttpContext http, int status, IMessage message, OtlpEncoding encoding, CancellationToken cancellationToken)
    {
        http.Response.StatusCode = status;
        if (encoding == OtlpEncoding.Json)
        {
            http.Response.ContentType = JsonContentType;
            return http.Response.WriteAsync(JsonFormatter.Default.Format(message), cancellationToken);
        }

        http.Response.ContentType = ProtobufContentType;
        var bytes = message.ToByteArray();
        http.Response.ContentLength = bytes.Length;
        return http.Response.Body.WriteAsync(bytes, cancellationToken).AsTask();
    }

    /// <param name="grpcCode">The gRPC status code that matches the HTTP status, as the spec's Status carries one.</param>
    public static Task WriteErrorAsync(HttpContext http, int status, int grpcCode, string message, OtlpEncoding encoding, CancellationToken cancellationToken) =>
        WriteAsync(http, status, new Status { Code = grpcCode, Message = message }, encoding, cancellationToken);
}
