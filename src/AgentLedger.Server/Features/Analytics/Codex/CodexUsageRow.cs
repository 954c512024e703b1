using System.Text.Json.Serialization;

namespace AgentLedger.Server.Features.Analytics.Codex;

/// <summary>One day of usage, for one user (default) or the whole workspace (<c>group=workspace</c>).</summary>
/// <param name="StartTime">Start of the UTC day, Unix seconds (inclusive).</param>
/// <param name="EndTime">End of the UTC day, Unix seconds (exclusive).</param>
/// <param name="UserId">Directory user id; null on workspace rows.</param>
/// <param name="Actor">The user; null on workspace rows.</param>
/// <param name="Email">The user's e-mail (legacy field, same as actor.email).</param>
/// <param name="Totals">Usage over all clients.</param>
/// <param name="Clients">Usage per client id.</param>
/// <param name="Models">Credits per model.</param>
public sealed record CodexUsageRow(
    long StartTime,
    long EndTime,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? UserId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] CodexActor? Actor,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Email,
    CodexUsageTotals Totals,
    IReadOnlyList<CodexClientUsage> Clients,
    IReadOnlyList<CodexModelUsage> Models)
{
    /// <summary>Always <c>codex.analytics.usage</c>.</summary>
    [JsonPropertyOrder(-1)]
    public string Object => "codex.analytics.usage";
}
