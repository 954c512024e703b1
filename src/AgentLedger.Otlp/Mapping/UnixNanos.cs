namespace AgentLedger.Otlp.Mapping;

/// <summary>OTLP timestamps: nanoseconds since the Unix epoch, 0 meaning "not set".</summary>
internal static class UnixNanos
{
    /// <summary>Any uint64 of nanoseconds (at most the year 2554) is a valid DateTimeOffset, so only 0 is "no time".</summary>
    public static DateTimeOffset? ToTime(ulong nanos) =>
        nanos == 0 ? null : DateTimeOffset.UnixEpoch.AddTicks((long)(nanos / 100));

    public static string Text(ulong nanos) => nanos.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Milliseconds between two timestamps, or null when either is unset or they are out of order.</summary>
    public static long? DurationMs(ulong start, ulong end) =>
        start == 0 || end == 0 || end < start ? null : (long)((end - start) / 1_000_000);
}
