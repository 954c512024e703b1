using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace AgentLedger.Server.Features.Limits;

/// <summary>Kestrel's connection limits, per-endpoint body caps and per-key rate limits (sections <c>Limits</c>, <c>RateLimits</c>).</summary>
public static class LimitsServiceCollectionExtensions
{
    public static void AddAgentLedgerLimits(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<RequestLimitsOptions>().Bind(builder.Configuration.GetSection(RequestLimitsOptions.SectionName))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RateLimitOptions>().Bind(builder.Configuration.GetSection(RateLimitOptions.SectionName))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<RequestLimitsOptions>>((kestrel, options) => Apply(kestrel.Limits, options.Value));

        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>>((limiter, options) =>
        {
            var limits = options.Value;
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = RateLimitRejection.WriteAsync;
            if (limits.Enabled)
            {
                limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http => Partition(http, limits));
            }
        });
    }

    /// <summary>After authentication (the partition is the authenticated key) and before authorization and the endpoints.</summary>
    public static void UseAgentLedgerLimits(this WebApplication app)
    {
        app.UseMiddleware<RequestBodyLimitMiddleware>();
        app.UseRateLimiter();
    }

    private static void Apply(KestrelServerLimits kestrel, RequestLimitsOptions options)
    {
        kestrel.RequestHeadersTimeout = options.RequestHeadersTimeout;
        kestrel.MinRequestBodyDataRate = new MinDataRate(options.MinRequestBodyBytesPerSecond, options.MinDataRateGracePeriod);
        kestrel.MinResponseDataRate = new MinDataRate(options.MinResponseBytesPerSecond, options.MinDataRateGracePeriod);
        kestrel.MaxConcurrentConnections = options.MaxConcurrentConnections;
        kestrel.MaxConcurrentUpgradedConnections = options.MaxConcurrentUpgradedConnections;
        kestrel.MaxRequestHeadersTotalSize = options.MaxRequestHeadersTotalBytes;
        kestrel.Http2.MaxStreamsPerConnection = options.MaxStreamsPerConnection;
    }

    private static RateLimitPartition<string> Partition(HttpContext http, RateLimitOptions limits)
    {
        var (name, anonymous) = RateLimitPartitions.Describe(http);
        return RateLimitPartition.GetTokenBucketLimiter(name, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = anonymous ? limits.AnonymousBurst : limits.Burst,
            TokensPerPeriod = anonymous ? limits.AnonymousPermitsPerSecond : limits.PermitsPerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }
}
