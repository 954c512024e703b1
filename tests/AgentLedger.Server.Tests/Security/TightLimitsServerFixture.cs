using AgentLedger.Server.Tests.Testing;

namespace AgentLedger.Server.Tests.Security;

/// <summary>A server with small request, slow-client and rate limits, to reach each with a few requests.</summary>
public sealed class TightLimitsServerFixture : ServerFixture
{
    public const int MaxApiBodyBytes = 2048;
    public const int Burst = 5;
    public const int MaxRecordsPerRequest = 3;

    protected override IEnumerable<string> ExtraArgs =>
    [
        $"--Limits:MaxRequestBodyBytes={MaxApiBodyBytes}", "--Limits:RequestHeadersTimeout=00:00:02", "--Limits:MinDataRateGracePeriod=00:00:02",
        "--Limits:MinRequestBodyBytesPerSecond=1000",
        "--RateLimits:PermitsPerSecond=1", $"--RateLimits:Burst={Burst}", "--RateLimits:AnonymousPermitsPerSecond=1", $"--RateLimits:AnonymousBurst={Burst}",
        $"--Ingest:MaxRecordsPerRequest={MaxRecordsPerRequest}",
    ];
}
