using AgentLedger.Server.Features.Ingestion;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace AgentLedger.Server.Features.Limits;

/// <summary>
/// Sets each request's body cap from its endpoint: ingest endpoints up to the ingest cap (their reader answers 413
/// itself), every other endpoint <see cref="RequestLimitsOptions.MaxRequestBodyBytes"/>. A body over the cap fails
/// its read with Kestrel's 413, which the exception handler answers as a problem.
/// </summary>
internal sealed class RequestBodyLimitMiddleware(RequestDelegate next, IOptions<RequestLimitsOptions> limits, IOptions<IngestOptions> ingest)
{
    private const long IngestMargin = 256 * 1024;

    public Task InvokeAsync(HttpContext context)
    {
        var feature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (feature is { IsReadOnly: false })
        {
            // gRPC bounds its messages itself (MaxReceiveMessageSize) and lifts the cap per call. Ingest gets a margin of
            // more than one read buffer over its cap, so that its reader, not Kestrel, meets the cap and answers 413.
            feature.MaxRequestBodySize = context.GetEndpoint()?.Metadata.GetMetadata<IngestBodyLimit>() is not null
                ? ingest.Value.MaxBodyBytes + IngestMargin
                : limits.Value.MaxRequestBodyBytes;
        }

        return next(context);
    }
}
