namespace AgentLedger.Core.Siem;

/// <summary>
/// Exponential back-off with full jitter (AWS Architecture Blog, "Exponential Backoff and Jitter"): after the n-th
/// consecutive failure the deliverer waits a uniformly random time in [0, min(<see cref="Max"/>, <see cref="Initial"/>
/// · 2^(n-1))], so that many instances retrying one receiver spread out instead of arriving together. A receiver's
/// <c>Retry-After</c> is honoured as a floor.
/// </summary>
public sealed record SiemRetryPolicy(TimeSpan Initial, TimeSpan Max)
{
    public static readonly SiemRetryPolicy Default = new(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5));

    /// <summary>The ceiling of the wait after <paramref name="failures"/> consecutive failures (≥ 1).</summary>
    public TimeSpan Ceiling(int failures)
    {
        var exponent = Math.Clamp(failures - 1, 0, 30);
        var ticks = Math.Min(Max.Ticks, Initial.Ticks * (1L << Math.Min(exponent, 40)));
        return TimeSpan.FromTicks(ticks < 0 ? Max.Ticks : ticks);
    }

    /// <summary>A jittered wait in [0, <see cref="Ceiling"/>], at least <paramref name="retryAfter"/> when the receiver named one.</summary>
    public TimeSpan Delay(int failures, double random01, TimeSpan? retryAfter = null)
    {
        var wait = TimeSpan.FromTicks((long)(Ceiling(failures).Ticks * Math.Clamp(random01, 0, 1)));
        return retryAfter is { } floor && floor > wait ? (floor > Max ? Max : floor) : wait;
    }
}
