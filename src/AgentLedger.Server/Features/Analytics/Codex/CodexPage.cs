using System.Text.Json.Serialization;

namespace AgentLedger.Server.Features.Analytics.Codex;

/// <summary>The Codex Analytics API page envelope: <c>{object:"page", data, has_more, next_page}</c>.</summary>
/// <param name="Data">The rows, chronological (day, then user id).</param>
/// <param name="HasMore">Whether another page follows.</param>
/// <param name="NextPage">Cursor for the next page, passed back unchanged as <c>page</c>; null on the last page.</param>
public sealed record CodexPage<T>(
    IReadOnlyList<T> Data,
    bool HasMore,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? NextPage)
{
    /// <summary>Always <c>page</c>.</summary>
    [JsonPropertyOrder(-1)]
    public string Object => "page";
}
