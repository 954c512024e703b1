using System.Globalization;
using AgentLedger.Core.Analytics;

namespace AgentLedger.Server.Features.Analytics.Codex;

/// <summary>
/// Validates Codex-compatible query parameters into an <see cref="AnalyticsQuery"/> over UTC days, collecting every
/// error in the Codex API's 422 shape. Defaults: the window ends at the end of today (UTC) and spans 30 days.
/// </summary>
public static class CodexQueryParser
{
    public const int DefaultLimit = 1000;
    public const int MaxLimit = 30_000;
    private const long DaySeconds = 86_400;

    public static (AnalyticsQuery? Query, AnalyticsPosition? After, IReadOnlyList<CodexValidationDetail> Errors) Parse(
        CodexQueryParameters p, string dataset, AnalyticsActivity activity, bool perUserAllowed, DateTimeOffset now)
    {
        var errors = new List<CodexValidationDetail>();
        var start = ParseSeconds("start_time", p.StartTime, errors);
        var end = ParseSeconds("end_time", p.EndTime, errors);
        var limit = ParseLimit(p.Limit, errors);
        var groupBy = perUserAllowed ? AnalyticsGroupBy.User : AnalyticsGroupBy.Workspace;
        if (p.Group is not null)
        {
            if (p.Group != "workspace")
            {
                errors.Add(Error("group", "Input should be 'workspace'", "literal_error", p.Group));
            }

            groupBy = AnalyticsGroupBy.Workspace;
        }

        AnalyticsCursor? cursor = null;
        if (p.Page is not null)
        {
            try
            {
                cursor = AnalyticsCursorCodec.Decode("page", p.Page);
            }
            catch (AnalyticsQueryException ex)
            {
                errors.Add(Error("page", ex.Message, "value_error", p.Page));
            }
        }

        if (errors.Count > 0)
        {
            return (null, null, errors);
        }

        var calendar = BucketCalendar.Utc(AnalyticsBucket.Day);
        var defaultEnd = calendar.NextBucketStart(calendar.BucketStartOf(now.ToUnixTimeSeconds()));
        var to = end ?? (start is null && cursor is not null ? cursor.To : defaultEnd);
        var from = start ?? (end is null && cursor is not null ? cursor.From : to - 30 * DaySeconds);
        if (from >= to)
        {
            return (null, null, [Error("end_time", "end_time must be after start_time", "value_error", p.EndTime ?? to.ToString(CultureInfo.InvariantCulture))]);
        }

        var scope = new AnalyticsScope(p.WorkspaceId, AnalyticsFilter.None, activity);
        var query = new AnalyticsQuery(dataset, scope, calendar.BucketStartOf(from), calendar.BucketEndOf(to), calendar, groupBy, limit);
        if (cursor is not null)
        {
            try
            {
                AnalyticsCursorCodec.Verify("page", cursor, query);
            }
            catch (AnalyticsQueryException ex)
            {
                return (null, null, [Error("page", ex.Message, "value_error", p.Page)]);
            }
        }

        return (query, cursor?.Position, []);
    }

    private static long? ParseSeconds(string name, string? text, List<CodexValidationDetail> errors)
    {
        if (text is null)
        {
            return null;
        }

        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            errors.Add(Error(name, "Input should be a valid integer, unable to parse string as an integer", "int_parsing", text));
            return null;
        }

        // 0 .. 9999-12-31: anything else cannot be a time this server stores.
        if (value is < 0 or > 253_402_300_799)
        {
            errors.Add(Error(name, "Input should be a Unix time in seconds between 0 and 253402300799", value < 0 ? "greater_than_equal" : "less_than_equal", text));
            return null;
        }

        return value;
    }

    private static int ParseLimit(string? text, List<CodexValidationDetail> errors)
    {
        if (text is null)
        {
            return DefaultLimit;
        }

        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            errors.Add(Error("limit", "Input should be a valid integer, unable to parse string as an integer", "int_parsing", text));
            return DefaultLimit;
        }

        if (value < 1)
        {
            errors.Add(Error("limit", "Input should be greater than or equal to 1", "greater_than_equal", text));
        }
        else if (value > MaxLimit)
        {
            errors.Add(Error("limit", $"Input should be less than or equal to {MaxLimit}", "less_than_equal", text));
        }

        return value;
    }

    private static CodexValidationDetail Error(string parameter, string message, string type, string? input) =>
        new(["query", parameter], message, type, input);
}
