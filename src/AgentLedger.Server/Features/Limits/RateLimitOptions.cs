using System.ComponentModel.DataAnnotations;

namespace AgentLedger.Server.Features.Limits;

/// <summary>
/// Request rate limits (configuration section <c>RateLimits</c>): a token bucket per API key (or dashboard account),
/// and one per client IP address for requests without valid credentials. A refused request answers 429 with Retry-After.
/// </summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "RateLimits";

    public bool Enabled { get; set; } = true;

    /// <summary>Requests per second a key may make on average (the bucket's refill rate).</summary>
    [Range(1, 1_000_000)]
    public int PermitsPerSecond { get; set; } = 1_000;

    /// <summary>Requests a key may make at once after being idle (the bucket's size).</summary>
    [Range(1, 10_000_000)]
    public int Burst { get; set; } = 10_000;

    /// <summary>Requests per second from one IP address without valid credentials (probes, sign-in, webhooks, bad keys).</summary>
    [Range(1, 1_000_000)]
    public int AnonymousPermitsPerSecond { get; set; } = 50;

    [Range(1, 10_000_000)]
    public int AnonymousBurst { get; set; } = 500;
}
