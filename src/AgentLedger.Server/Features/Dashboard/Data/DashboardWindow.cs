using System.Globalization;

namespace AgentLedger.Server.Features.Dashboard.Data;

/// <summary>
/// What every page shows: a window of whole UTC days, the bucket and the filters. It becomes the native API's query
/// string, once, so that a chart and its export link are the same API call.
/// </summary>
public sealed record DashboardWindow
{
    public required DateOnly FirstDay { get; init; }

    /// <summary>The last day shown (inclusive); the API's <c>to</c> is the day after.</summary>
    public required DateOnly LastDay { get; init; }

    public string Bucket { get; init; } = "day";

    public string? Surface { get; init; }

    public string? Agent { get; init; }

    public string? Team { get; init; }

    public string? Model { get; init; }

    public int Days => LastDay.DayNumber - FirstDay.DayNumber + 1;

    /// <summary>The last <paramref name="days"/> days up to today (UTC, from the clock).</summary>
    public static DashboardWindow LastDays(int days, TimeProvider time)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        return new DashboardWindow { FirstDay = today.AddDays(1 - days), LastDay = today };
    }

    /// <summary>The API query pairs, in a fixed order, for an endpoint that takes the window and filters.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> SeriesPairs(string? groupBy, bool filters = true)
    {
        var pairs = new List<KeyValuePair<string, string>>
        {
            new("from", FirstDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            new("to", LastDay.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            new("bucket", Bucket),
        };
        if (groupBy is not null)
        {
            pairs.Add(new("group_by", groupBy));
        }

        if (filters)
        {
            pairs.AddRange(FilterPairs());
        }

        return pairs;
    }

    /// <summary>The query pairs of the user ranking: the window's days, the metric and the filters.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> RankingPairs(string sortBy)
    {
        var pairs = SeriesPairs(null, filters: false).Take(2).ToList();
        pairs.Add(new("sort_by", sortBy));
        pairs.AddRange(FilterPairs());
        return pairs;
    }

    private List<KeyValuePair<string, string>> FilterPairs()
    {
        var pairs = new List<KeyValuePair<string, string>>();
        AddIf(pairs, "surface", Surface);
        AddIf(pairs, "agent", Agent);
        AddIf(pairs, "team", Team);
        AddIf(pairs, "model", Model);
        return pairs;
    }

    private static void AddIf(List<KeyValuePair<string, string>> pairs, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            pairs.Add(new(name, value));
        }
    }
}
