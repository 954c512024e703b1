using System.Text.Json.Serialization;

namespace AgentLedger.Server.Features.Analytics.Native;

/// <summary>A page of a native time series (JSON). The CSV form carries the same rows, with paging in headers.</summary>
/// <param name="Bucket">hour, day or week.</param>
/// <param name="TimeZone">IANA time zone of the buckets.</param>
/// <param name="GroupBy">What each row is about.</param>
/// <param name="Data">Rows in (bucket, group) order.</param>
/// <param name="HasMore">Whether another page follows.</param>
/// <param name="NextPage">Cursor for the next page, null on the last page.</param>
public sealed record AnalyticsSeriesPage<T>(
    string Bucket,
    string TimeZone,
    string GroupBy,
    IReadOnlyList<T> Data,
    bool HasMore,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? NextPage)
{
    /// <summary>Always <c>page</c>.</summary>
    [JsonPropertyOrder(-1)]
    public string Object => "page";
}
