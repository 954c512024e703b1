using AgentLedger.Server.Hosting;
using AgentLedger.Otlp.Mapping;
using Google.Protobuf;
using Grpc.Core;

namespace AgentLedger.Server.Features.Ingestion.Otlp;

/// <summary>
/// OTLP/gRPC (https://opentelemetry.io/docs/specs/otlp/#otlpgrpc): the same key check and ingest path as
/// OTLP/HTTP, with refusals as gRPC statuses — UNAUTHENTICATED, PERMISSION_DENIED, and UNAVAILABLE (which OTLP
/// exporters retry) with the cause when storage is unavailable, full or busy. Decoding, gzip and the message size cap are the gRPC
/// runtime's (see <see cref="OtlpGrpcHosting"/>).
/// </summary>
public sealed class OtlpGrpcReceiver(OtlpIngestor ingestor)
{
    public async Task ExportAsync(OtlpSignal signal, IMessage request, ServerCallContext call)
    {
        try
        {
            await ExportOrThrowAsync(signal, request, call).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not RpcException && StorageFault.Classify(ex) is { } fault)
        {
            // Also while checking the key: the database could not be asked, which is not a refusal of the key.
            throw new RpcException(new Status(StatusCode.Unavailable, fault.Detail));
        }
    }

    private async Task ExportOrThrowAsync(OtlpSignal signal, IMessage request, ServerCallContext call)
    {
        var http = call.GetHttpContext();
        var auth = await OtlpIngestAuth.AuthenticateAsync(http).ConfigureAwait(false);
        if (!auth.Succeeded)
        {
            throw new RpcException(new Status(auth.Forbidden ? StatusCode.PermissionDenied : StatusCode.Unauthenticated, auth.Error!));
        }

        var context = new OtlpIngestContext(auth.WorkspaceId!)
        {
            ClientIp = http.Connection.RemoteIpAddress?.ToString(),
            UserAgent = http.Request.Headers.UserAgent.ToString() is { Length: > 0 } agent ? agent : null,
        };
        try
        {
            await ingestor.IngestAsync(signal, request, context, call.CancellationToken).ConfigureAwait(false);
        }
        catch (OtlpRequestTooLargeException ex)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, ex.Message));
        }
    }
}
