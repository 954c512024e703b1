namespace AgentLedger.Core.Analytics;

/// <summary>
/// Cuts time into buckets in an IANA time zone. A day runs from local midnight to the next local midnight, so the
/// days clocks change have 23 or 25 hours; a week starts on Monday (ISO 8601). Rollups are kept per UTC hour, so
/// buckets are exact only in zones whose offset is a whole number of hours; others are refused, naming the zone,
/// rather than answered approximately.
/// </summary>
public sealed class BucketCalendar
{
    public const string TimeZoneParameter = "time_zone";
    private const long HourSeconds = 3600;

    private BucketCalendar(TimeZoneInfo zone, AnalyticsBucket bucket)
    {
        Zone = zone;
        Bucket = bucket;
    }

    public static BucketCalendar Utc(AnalyticsBucket bucket) => new(TimeZoneInfo.Utc, bucket);

    public TimeZoneInfo Zone { get; }

    public AnalyticsBucket Bucket { get; }

    /// <summary>The IANA id of the zone (<c>UTC</c> for UTC).</summary>
    public string ZoneId => Zone == TimeZoneInfo.Utc ? "UTC" : Zone.Id;

    /// <exception cref="AnalyticsQueryException">The zone is unknown.</exception>
    public static BucketCalendar Create(string timeZoneId, AnalyticsBucket bucket)
    {
        if (string.Equals(timeZoneId, "UTC", StringComparison.OrdinalIgnoreCase) || timeZoneId == "Etc/UTC")
        {
            return Utc(bucket);
        }

        // The id becomes a path under /usr/share/zoneinfo: only IANA-shaped ids are looked up (no '..', no absolute
        // path), and a directory or unreadable file there ("Europe") is an unknown zone, not a server error.
        var shaped = IsIanaShaped(timeZoneId);
        var unknown = new AnalyticsQueryException(TimeZoneParameter,
            $"{(shaped ? $"'{timeZoneId}'" : "The time zone")} is not a known IANA time zone (e.g. Europe/Berlin, America/New_York, UTC).");
        if (!shaped)
        {
            throw unknown;
        }

        try
        {
            return new BucketCalendar(TimeZoneInfo.FindSystemTimeZoneById(timeZoneId), bucket);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException or System.Security.SecurityException
                                       or UnauthorizedAccessException or IOException)
        {
            throw unknown;
        }
    }

    private static bool IsIanaShaped(string id) =>
        id.Length is > 0 and <= 64 && !id.Contains("..", StringComparison.Ordinal) && id[0] != '/' && !id.EndsWith('/')
        && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '_' or '-' or '+');

    /// <summary>Start (Unix seconds) of the bucket holding <paramref name="unixSeconds"/>.</summary>
    public long BucketStartOf(long unixSeconds)
    {
        var hour = Math.DivRem(unixSeconds, HourSeconds, out var rest) * HourSeconds - (rest < 0 ? HourSeconds : 0);
        if (Bucket == AnalyticsBucket.Hour)
        {
            CheckWholeHourOffset(hour);
            return hour;
        }

        var local = TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeSeconds(hour), Zone);
        var date = DateOnly.FromDateTime(local.DateTime);
        if (Bucket == AnalyticsBucket.Week)
        {
            date = date.AddDays(-(((int)date.DayOfWeek + 6) % 7));
        }

        return LocalDayStart(date);
    }

    /// <summary>Start (Unix seconds) of the bucket after the one starting at <paramref name="bucketStart"/>.</summary>
    public long NextBucketStart(long bucketStart)
    {
        if (Bucket == AnalyticsBucket.Hour)
        {
            CheckWholeHourOffset(bucketStart + HourSeconds);
            return bucketStart + HourSeconds;
        }

        var local = TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeSeconds(bucketStart), Zone);
        var date = DateOnly.FromDateTime(local.DateTime).AddDays(Bucket == AnalyticsBucket.Week ? 7 : 1);
        return LocalDayStart(date);
    }

    /// <summary>The bucket boundary at or after <paramref name="unixSeconds"/>: windows are widened to whole buckets.</summary>
    public long BucketEndOf(long unixSeconds)
    {
        var start = BucketStartOf(unixSeconds);
        return start == unixSeconds ? start : NextBucketStart(start);
    }

    /// <summary>The instant with its local offset in this zone, for display (RFC 3339).</summary>
    public DateTimeOffset ToLocal(long unixSeconds) => TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeSeconds(unixSeconds), Zone);

    /// <summary>Start (Unix seconds) of the local day <paramref name="date"/> in this zone.</summary>
    public long LocalDayStart(DateOnly date)
    {
        // Local midnight may not exist (clocks jump at midnight in some zones): the day then starts at the first
        // local time that exists. Where midnight happens twice, the day starts at the first.
        var local = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (Zone.IsInvalidTime(local))
        {
            local = local.AddHours(1);
        }

        var offset = Zone.IsAmbiguousTime(local) ? Zone.GetAmbiguousTimeOffsets(local).Max() : Zone.GetUtcOffset(local);
        var start = new DateTimeOffset(local, offset).ToUnixTimeSeconds();
        CheckWholeHourOffset(start);
        return start;
    }

    /// <summary>The local calendar date of the instant.</summary>
    public DateOnly LocalDateOf(long unixSeconds) => DateOnly.FromDateTime(ToLocal(unixSeconds).DateTime);

    private void CheckWholeHourOffset(long unixSeconds)
    {
        var offset = Zone.GetUtcOffset(DateTimeOffset.FromUnixTimeSeconds(unixSeconds));
        if (offset.Ticks % TimeSpan.TicksPerHour != 0)
        {
            throw new AnalyticsQueryException(TimeZoneParameter,
                $"'{ZoneId}' is {offset:hh\\:mm} off UTC at {DateTimeOffset.FromUnixTimeSeconds(unixSeconds):u}; rollups are hourly, so only zones with whole-hour offsets can be bucketed exactly.");
        }
    }
}
