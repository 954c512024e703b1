using AgentLedger.Server.Hosting;
using AgentLedger.Otlp.Decoding;
using AgentLedger.Otlp.Mapping;
using Grpc.Core;
using Microsoft.Net.Http.Headers;

namespace AgentLedger.Server.Features.Ingestion.Otlp;

/// <summary>
/// OTLP/HTTP (https://opentelemetry.io/docs/specs/otlp/#otlphttp): protobuf or JSON bodies, optionally gzip,
/// bounded by the shared <see cref="IngestBodyReader"/> limits. The reply is in the request's encoding; errors
/// are OTLP-shaped: 400 for a body that does not decode, 413 over a size cap, 415 for another content type or
/// encoding, 401/403 for the key, 503 with Retry-After and the cause when storage is unavailable, full or busy (see
/// <see cref="StorageFault"/>; nothing was stored, and OTLP exporters retry a 503).
/// </summary>
public sealed partial class OtlpHttpReceiver(IngestBodyReader bodyReader, OtlpIngestor ingestor, ILogger<OtlpHttpReceiver> logger)
{
    public async Task ReceiveAsync(HttpContext http, OtlpSignal signal, CancellationToken cancellationToken)
    {
        var replyEncoding = EncodingOf(http.Request.ContentType) ?? OtlpEncoding.Json;
        try
        {
            await ReceiveOrThrowAsync(http, signal, replyEncoding, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!http.Response.HasStarted && StorageFault.Classify(ex) is { } fault)
        {
            // Also while checking the key: the database could not be asked, which is not a refusal of the key.
            http.Response.Headers.RetryAfter = fault.RetryAfter;
            await RefuseAsync(http, signal, StatusCodes.Status503ServiceUnavailable, StatusCode.Unavailable, fault.Detail, replyEncoding, cancellationToken)
                .ConfigureAwait(false);
        }
    }

    private async Task ReceiveOrThrowAsync(HttpContext http, OtlpSignal signal, OtlpEncoding replyEncoding, CancellationToken cancellationToken)
    {
        var encoding = EncodingOf(http.Request.ContentType);
        var auth = await OtlpIngestAuth.AuthenticateAsync(http).ConfigureAwait(false);
        if (!auth.Succeeded)
        {
            if (!auth.Forbidden)
            {
                http.Response.Headers.WWWAuthenticate = "Bearer";
            }

            await RefuseAsync(http, signal, auth.Forbidden ? StatusCodes.Status403Forbidden : StatusCodes.Status401Unauthorized,
                auth.Forbidden ? StatusCode.PermissionDenied : StatusCode.Unauthenticated, auth.Error!, replyEncoding, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (encoding is null)
        {
            await RefuseAsync(http, signal, StatusCodes.Status415UnsupportedMediaType, StatusCode.InvalidArgument,
                $"Content-Type {HeaderEcho.Quote(http.Request.ContentType)} is not supported; OTLP/HTTP bodies are application/x-protobuf or application/json.",
                replyEncoding, cancellationToken).ConfigureAwait(false);
            return;
        }

        var body = await bodyReader.ReadAsync(http.Request, cancellationToken).ConfigureAwait(false);
        if (body.Bytes is null)
        {
            var status = body.Error switch
            {
                IngestBodyError.TooLarge => StatusCodes.Status413PayloadTooLarge,
                IngestBodyError.UnsupportedEncoding => StatusCodes.Status415UnsupportedMediaType,
                _ => StatusCodes.Status400BadRequest,
            };
            await RefuseAsync(http, signal, status, StatusCode.InvalidArgument, body.Message!, replyEncoding, cancellationToken).ConfigureAwait(false);
            return;
        }

        Google.Protobuf.IMessage request;
        try
        {
            request = OtlpMessages.Decode(signal, body.Bytes, encoding.Value);
        }
        catch (OtlpDecodeException ex)
        {
            await RefuseAsync(http, signal, StatusCodes.Status400BadRequest, StatusCode.InvalidArgument, ex.Message, replyEncoding, cancellationToken).ConfigureAwait(false);
            return;
        }

        var context = new OtlpIngestContext(auth.WorkspaceId!)
        {
            ClientIp = http.Connection.RemoteIpAddress?.ToString(),
            UserAgent = NonEmpty(http.Request.Headers.UserAgent.ToString()),
        };
        try
        {
            await ingestor.IngestAsync(signal, request, context, cancellationToken).ConfigureAwait(false);
        }
        catch (OtlpRequestTooLargeException ex)
        {
            await RefuseAsync(http, signal, StatusCodes.Status413PayloadTooLarge, StatusCode.InvalidArgument, ex.Message, replyEncoding, cancellationToken).ConfigureAwait(false);
            return;
        }

        await OtlpHttpReply.WriteAsync(http, StatusCodes.Status200OK, OtlpMessages.Success(signal), encoding.Value, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The body encoding named by the Content-Type, ignoring parameters such as charset; null for any other type.</summary>
    public static OtlpEncoding? EncodingOf(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var media))
        {
            return null;
        }

        return media.MediaType.Value?.ToLowerInvariant() switch
        {
            "application/x-protobuf" or "application/protobuf" => OtlpEncoding.Protobuf,
            "application/json" => OtlpEncoding.Json,
            _ => null,
        };
    }

    private Task RefuseAsync(HttpContext http, OtlpSignal signal, int status, StatusCode grpcCode, string message, OtlpEncoding encoding, CancellationToken cancellationToken)
    {
        LogRefused(logger, signal, status, message);
        return OtlpHttpReply.WriteErrorAsync(http, status, (int)grpcCode, message, encoding, cancellationToken);
    }

    private static string? NonEmpty(string value) => value.Length == 0 ? null : value;

    [LoggerMessage(Level = LogLevel.Warning, Message = "OTLP {Signal} request refused with {Status}: {Reason}")]
    private static partial void LogRefused(ILogger logger, OtlpSignal signal, int status, string reason);
}
