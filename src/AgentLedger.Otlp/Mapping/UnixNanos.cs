namespace AgentLedger.Otlp.Mapping;

/// <summary>OTLP timestamps: nanoseconds since the Unix epoch, 0 meaning "not set".</summary>
internal static class UnixNanos
{
    private static readonly ulong MaxNanos = (ulong)(DateTimeOffset.MaxValue - DateTimeOffset.UnixEpoch).Ticks * 100;

    public static DateTimeOffset? ToTime(ulong nanos) =>
        nanos == 0 || nanos >= MaxNanos ? null : DateTimeOffset.UnixEpoch.AddTicks((long)(nanos / 100));

    public static string Text(ulong nanos) => nanos.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Milliseconds between two timestamps, or null when either is unset or they are out of order.</summary>
    public static long? DurationMs(ulong start, ulong end) =>
        start == 0 || end == 0 || end < start ? null : (long)((end - start) / 1_000_000);
}
