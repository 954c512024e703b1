using System.Globalization;
using System.Threading.RateLimiting;
using AgentLedger.Otlp.Mapping;
using AgentLedger.Server.Features.Ingestion.Otlp;
using Grpc.Core;
using Microsoft.AspNetCore.RateLimiting;

namespace AgentLedger.Server.Features.Limits;

/// <summary>
/// The 429 answer: Retry-After in whole seconds, and a body naming the limit — a problem for the API, the OTLP
/// <c>Status</c> for OTLP/HTTP exporters (which retry a 429 after Retry-After), and for gRPC the HTTP 429 that gRPC
/// clients map to UNAVAILABLE, which OTLP exporters retry.
/// </summary>
internal static partial class RateLimitRejection
{
    public static async ValueTask WriteAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var http = rejected.HttpContext;
        var options = http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<RateLimitOptions>>().Value;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 1;
        var partition = RateLimitPartitions.Describe(http);
        var detail = partition.Anonymous
            ? $"Too many requests without valid credentials from this address: the limit is {options.AnonymousPermitsPerSecond} per second with bursts of {options.AnonymousBurst} (RateLimits:AnonymousPermitsPerSecond, RateLimits:AnonymousBurst). Retry after {retryAfter} s."
            : $"Too many requests for {partition.Name}: the limit is {options.PermitsPerSecond} per second with bursts of {options.Burst} (RateLimits:PermitsPerSecond, RateLimits:Burst). Retry after {retryAfter} s.";
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        LogRejected(http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RateLimitRejection)), partition.Name, retryAfter);

        if (http.Request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true)
        {
            return;
        }

        if (Enum.GetValues<OtlpSignal>().Any(signal => http.Request.Path.Equals(OtlpMessages.Path(signal), StringComparison.OrdinalIgnoreCase)))
        {
            await OtlpHttpReply.WriteErrorAsync(http, StatusCodes.Status429TooManyRequests, (int)StatusCode.ResourceExhausted, detail,
                OtlpHttpReceiver.EncodingOf(http.Request.ContentType) ?? OtlpEncoding.Json, cancellationToken).ConfigureAwait(false);
            return;
        }

        await Results.Problem(detail: detail, statusCode: StatusCodes.Status429TooManyRequests, title: "Too Many Requests",
                extensions: new Dictionary<string, object?>
                {
                    ["limit"] = partition.Anonymous ? "RateLimits:AnonymousPermitsPerSecond" : "RateLimits:PermitsPerSecond",
                    ["retry_after_seconds"] = retryAfter,
                })
            .ExecuteAsync(http).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rate limit reached for {Partition}; answered 429, retry after {RetryAfter} s")]
    private static partial void LogRejected(ILogger logger, string partition, int retryAfter);
}
