using System.Collections.Frozen;
using AgentLedger.Core.Metrics;
using AgentLedger.Core.Records;

namespace AgentLedger.Core.Analytics;

/// <summary>
/// The counters each kind of analytics reads. A page reads only these columns of its rollup rows (the others stay
/// zero in its cells), which is most of the cost of reading a row; and it derives agent and surface from the client
/// id, as the catalog defines them, instead of reading them.
/// </summary>
public static class AnalyticsMeasureSets
{
    private static readonly IReadOnlyList<MeasureColumn> Usage = Pick(
        "records", "threads", "turns", "messages", "tool_calls", "errors", "input_tokens", "cached_input_tokens", "output_tokens",
        "reasoning_tokens", "cost_usd", "credits");

    private static readonly IReadOnlyList<MeasureColumn> CodeReview = Pick(
        "records", "reviews", "review_comments", "comments_p0", "comments_p1", "comments_p2", "comments_p3", "replies", "reactions_up",
        "reactions_down", "reactions_other");

    private static readonly IReadOnlyList<MeasureColumn> CloudTasks = Pick("records", "cloud_tasks_created", "cloud_tasks_completed", "cloud_tasks_failed");

    private static readonly IReadOnlyList<MeasureColumn> RecordsOnly = Pick("records");

    private static readonly FrozenDictionary<string, (string Agent, string Surface)> ByClient =
        ClientCatalog.Clients.ToFrozenDictionary(c => c.WireName, c => (WireNames.Of(c.Agent), WireNames.Of(c.Surface)), StringComparer.Ordinal);

    /// <summary>
    /// The SQL condition (the same on every engine) that a rollup row holds the activity: one of its counters is
    /// positive; empty for <see cref="AnalyticsActivity.Any"/>. Column names come from the lists above, never from input.
    /// </summary>
    public static string RowPredicate(AnalyticsActivity activity) =>
        activity == AnalyticsActivity.Any ? "" : $" AND ({string.Join(" OR ", For(activity).Where(c => c.Name != "records").Select(c => c.Name + " > 0"))})";

    /// <summary>The counters a read in <paramref name="scope"/> fills: the client-version rollup has only the record count.</summary>
    public static IReadOnlyList<MeasureColumn> For(AnalyticsScope scope) => scope.ClientVersions ? RecordsOnly : For(scope.Activity);

    public static IReadOnlyList<MeasureColumn> For(AnalyticsActivity activity) => activity switch
    {
        AnalyticsActivity.CodeReview => CodeReview,
        AnalyticsActivity.CloudTasks => CloudTasks,
        _ => Usage,
    };

    /// <summary>Agent and surface (wire names) of a client id (wire name); unknown clients are <c>unknown</c>/<c>other</c>.</summary>
    public static (string Agent, string Surface) DimensionsOf(string clientId) =>
        ByClient.TryGetValue(clientId, out var dimensions) ? dimensions : ("unknown", "other");

    private static MeasureColumn[] Pick(params string[] names) =>
        names.Select(n => UsageMeasures.Columns.Single(c => c.Name == n)).ToArray();
}
