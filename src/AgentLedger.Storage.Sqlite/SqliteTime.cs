namespace AgentLedger.Storage.Sqlite;

/// <summary>Times are stored as Unix microseconds, the precision PostgreSQL's timestamptz keeps too.</summary>
internal static class SqliteTime
{
    public static long ToMicros(DateTimeOffset at) => (at.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    public static DateTimeOffset FromMicros(long micros) => new(DateTimeOffset.UnixEpoch.UtcTicks + micros * 10, TimeSpan.Zero);
}
