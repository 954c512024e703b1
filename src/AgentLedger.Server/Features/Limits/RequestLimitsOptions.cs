using System.ComponentModel.DataAnnotations;

namespace AgentLedger.Server.Features.Limits;

/// <summary>
/// Connection and request limits of the HTTP server (configuration section <c>Limits</c>). Ingest bodies have their
/// own, larger caps (<c>Ingest:*</c>); these bound everything else and protect the server from slow or greedy clients.
/// </summary>
public sealed class RequestLimitsOptions
{
    public const string SectionName = "Limits";

    /// <summary>Largest body of a request to an endpoint that is not an ingest endpoint (admin, compliance, analytics JSON).</summary>
    [Range(1024, 1L << 30)]
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Time a client has to send all request headers; a client dripping them is disconnected (slowloris).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan RequestHeadersTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Slowest body upload accepted after <see cref="MinDataRateGracePeriod"/>; slower clients are disconnected.</summary>
    [Range(1, 1_000_000)]
    public double MinRequestBodyBytesPerSecond { get; set; } = 240;

    /// <summary>Slowest a client may read a response after the grace period.</summary>
    [Range(1, 1_000_000)]
    public double MinResponseBytesPerSecond { get; set; } = 240;

    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan MinDataRateGracePeriod { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Open connections at once; further connections are refused until one closes.</summary>
    [Range(1, 1_000_000)]
    public long MaxConcurrentConnections { get; set; } = 10_000;

    /// <summary>Upgraded connections at once (the dashboard's Blazor circuits over WebSockets).</summary>
    [Range(1, 1_000_000)]
    public long MaxConcurrentUpgradedConnections { get; set; } = 1_000;

    /// <summary>Total size of a request's headers.</summary>
    [Range(1024, 1024 * 1024)]
    public int MaxRequestHeadersTotalBytes { get; set; } = 32 * 1024;

    /// <summary>Concurrent HTTP/2 streams per connection (OTLP/gRPC exporters multiplex on one connection).</summary>
    [Range(1, 10_000)]
    public int MaxStreamsPerConnection { get; set; } = 100;
}
