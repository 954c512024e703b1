namespace AgentLedger.Storage.Sqlite;

/// <summary>Money is stored as integer micro-units so that sums are exact (SQLite has no decimal type).</summary>
internal static class SqliteMoney
{
    private const decimal Scale = 1_000_000m;
    private const byte MicrosDecimals = 6;

    public static long ToMicros(decimal value) => (long)decimal.Round(value * Scale, 0, MidpointRounding.ToEven);

    /// <summary>
    /// The decimal of <paramref name="micros"/> millionths, built from its digits rather than divided (analytics converts
    /// thousands per page), with trailing zeros dropped as <c>micros / 1_000_000m</c> drops them, so that serialized
    /// figures read the same ("1.5", not "1.500000").
    /// </summary>
    public static decimal FromMicros(long micros)
    {
        var magnitude = micros < 0 ? (ulong)-(micros + 1) + 1 : (ulong)micros;
        byte scale = MicrosDecimals;
        while (scale > 0 && magnitude % 10 == 0)
        {
            magnitude /= 10;
            scale--;
        }

        return new decimal((int)(uint)magnitude, (int)(uint)(magnitude >> 32), 0, micros < 0, scale);
    }
}
