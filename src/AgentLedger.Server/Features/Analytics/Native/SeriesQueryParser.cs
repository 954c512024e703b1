using System.Globalization;
using AgentLedger.Core.Analytics;
using AgentLedger.Core.Records;

namespace AgentLedger.Server.Features.Analytics.Native;

/// <summary>Validates native analytics parameters; every error names its parameter.</summary>
public static class SeriesQueryParser
{
    public const int DefaultLimit = 1000;
    public const int MaxLimit = 30_000;
    public const int DefaultDays = 30;
    private const long MaxSeconds = 4_102_444_800;

    /// <exception cref="AnalyticsQueryException">A parameter is invalid; the exception names it.</exception>
    public static SeriesRequest Parse(
        SeriesQueryParameters p, string dataset, AnalyticsActivity activity, AnalyticsGroupBy defaultGroup, string? accept, DateTimeOffset now,
        string defaultTimeZone = "UTC")
    {
        var bucket = ParseEnum("bucket", p.Bucket, AnalyticsBucket.Day, ["hour", "day", "week"]);
        var calendar = BucketCalendar.Create(p.TimeZone ?? defaultTimeZone, bucket);
        var groupBy = ParseEnum("group_by", p.GroupBy, defaultGroup, ["workspace", "user", "team", "surface", "client", "model", "agent", "version"]);
        var filter = new AnalyticsFilter
        {
            Users = Values(p.User),
            Teams = Values(p.Team),
            Surfaces = Values(p.Surface).Select(s => WireNames.TryParse(s, out Surface v)
                ? WireNames.Of(v)
                : throw new AnalyticsQueryException("surface", $"'{s}' is not one of: {string.Join(", ", WireNames.AllSurfaces)}.")).ToList(),
            Clients = Values(p.Client).Select(c => ClientCatalog.TryParse(c, out var id)
                ? WireNames.Of(id)
                : throw new AnalyticsQueryException("client", $"'{c}' is not a known client id (e.g. CODEX_CLI, CLAUDE_CODE_CLI, GEMINI_CLI).")).ToList(),
            Models = Values(p.Model),
            Agents = Values(p.Agent).Select(a => WireNames.TryParse(a, out Agent v)
                ? WireNames.Of(v)
                : throw new AnalyticsQueryException("agent", $"'{a}' is not one of: {string.Join(", ", WireNames.AllAgents)}.")).ToList(),
            Versions = Values(p.Version),
        };
        // Versions live in their own rollup, which counts records only: active users can be grouped and filtered by them.
        var versions = groupBy == AnalyticsGroupBy.Version || filter.Versions.Count > 0;
        if (versions && dataset != SeriesDataset.ActiveUsers.Name)
        {
            throw groupBy == AnalyticsGroupBy.Version
                ? new AnalyticsQueryException("group_by", "version grouping is available on active_users only.")
                : new AnalyticsQueryException("version", "the version filter is available on active_users only.");
        }

        var limit = ParseLimit(p.Limit);
        var csv = ParseFormat(p.Format, accept);
        var cursor = p.Page is null ? null : AnalyticsCursorCodec.Decode("page", p.Page);

        var today = calendar.LocalDateOf(now.ToUnixTimeSeconds());
        var to = ParseTime("to", p.To, calendar) ?? (p.From is null && cursor is not null ? cursor.To : calendar.LocalDayStart(today.AddDays(1)));
        var from = ParseTime("from", p.From, calendar)
                   ?? (p.To is null && cursor is not null ? cursor.From : calendar.LocalDayStart(calendar.LocalDateOf(to - 1).AddDays(1 - DefaultDays)));
        if (from >= to)
        {
            throw new AnalyticsQueryException("to", "to must be after from.");
        }

        var scope = new AnalyticsScope(p.WorkspaceId, filter, activity, versions);
        var query = new AnalyticsQuery(dataset, scope, calendar.BucketStartOf(from), calendar.BucketEndOf(to), calendar, groupBy, limit);
        if (cursor is not null)
        {
            AnalyticsCursorCodec.Verify("page", cursor, query);
        }

        return new SeriesRequest(query, cursor?.Position, csv);
    }

    internal static long? ParseTime(string name, string? text, BucketCalendar calendar)
    {
        if (text is null)
        {
            return null;
        }

        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return InRange(name, seconds);
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date.Year is >= 1970 and < 2100 ? calendar.LocalDayStart(date) : InRange(name, long.MaxValue);
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant) && text.Contains('T', StringComparison.Ordinal))
        {
            return InRange(name, instant.ToUnixTimeSeconds());
        }

        throw new AnalyticsQueryException(name, $"'{text}' is not an RFC 3339 time (2026-03-08T00:00:00Z), a date (2026-03-08) or Unix seconds.");
    }

    /// <summary>Times between 1970 and 2100: beyond them bucket arithmetic (a week past the end) would leave DateTimeOffset's range.</summary>
    private static long InRange(string name, long seconds) =>
        seconds is >= 0 and < MaxSeconds
            ? seconds
            : throw new AnalyticsQueryException(name, $"{name} must be between 1970-01-01 and 2100-01-01 (0 to {MaxSeconds} Unix seconds).");

    internal static int ParseLimit(string? text)
    {
        if (text is null)
        {
            return DefaultLimit;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit is >= 1 and <= MaxLimit
            ? limit
            : throw new AnalyticsQueryException("limit", $"'{text}' is not a whole number from 1 to {MaxLimit}.");
    }

    private static bool ParseFormat(string? format, string? accept) => format?.ToLowerInvariant() switch
    {
        null => accept?.Contains("text/csv", StringComparison.OrdinalIgnoreCase) == true,
        "csv" => true,
        "json" => false,
        _ => throw new AnalyticsQueryException("format", $"'{format}' is not one of: json, csv."),
    };

    private static T ParseEnum<T>(string name, string? text, T fallback, string[] names)
        where T : struct, Enum
    {
        if (text is null)
        {
            return fallback;
        }

        var index = Array.FindIndex(names, n => string.Equals(n, text, StringComparison.OrdinalIgnoreCase));
        return index >= 0
            ? Enum.GetValues<T>()[index]
            : throw new AnalyticsQueryException(name, $"'{text}' is not one of: {string.Join(", ", names)}.");
    }

    private static List<string> Values(string[]? values) =>
        values is null ? [] : values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct().ToList();
}
