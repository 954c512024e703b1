using AgentLedger.Core.Metrics;
using AgentLedger.Core.Records;

namespace AgentLedger.Core.Analytics;

/// <summary>
/// The user-free daily rollups beside <see cref="DailyRollup"/>, kept by the writer in the same transaction, so that a
/// dashboard series grouped by workspace, team, surface, client, model or agent costs what its days and groups hold,
/// not what the users did:
/// <list type="bullet">
/// <item><c>usage_daily_totals</c>: the daily rollup without the user (key workspace × UTC day × team × client × model).</item>
/// <item><c>active_user_days</c>: one <see cref="ActiveUserDay"/> per user, UTC day and value of each dimension they had
/// records under (users with an id and records, exactly those <see cref="AnalyticsSeriesRow"/> counts).</item>
/// <item><c>active_user_day_counts</c>: the number of those membership rows per (day, dimension, value), raised by one
/// for each membership row a commit actually inserts, so a user is counted once however many commits they appear in.</item>
/// <item><c>active_user_last_days</c>: each user's latest membership day per (dimension, value), moved forward whenever a
/// commit inserts a later membership row (migration 0013).</item>
/// </list>
/// Distinct users over several days are not the sum of days: those are counted from <c>active_user_last_days</c> when
/// <see cref="LastDayMember"/> allows it (a user active in the window is a user whose last day is on or after its first
/// day, once the few users whose last day is at or after its end are looked up: <see cref="ActiveUserCountPlan"/>),
/// else from <c>active_user_days</c>.
/// </summary>
public static class DailyGroupRollup
{
    public const string Workspace = "workspace";

    /// <summary>The membership dimensions, in the order the writer emits them.</summary>
    public static readonly IReadOnlyList<string> Dimensions = [Workspace, "team", "surface", "client", "model", "agent"];

    /// <summary>The membership dimension of a grouping, or null for groupings the rollup does not keep (user, version).</summary>
    public static string? DimensionOf(AnalyticsGroupBy groupBy) => groupBy switch
    {
        AnalyticsGroupBy.Workspace => Workspace,
        AnalyticsGroupBy.Team => "team",
        AnalyticsGroupBy.Surface => "surface",
        AnalyticsGroupBy.Client => "client",
        AnalyticsGroupBy.Model => "model",
        AnalyticsGroupBy.Agent => "agent",
        _ => null,
    };

    /// <summary>
    /// The membership dimension whose counts answer a scope exactly: every activity counts (the counts know no
    /// counter predicate), no user or version filter, and filters on at most one dimension, which must be
    /// <paramref name="groupBy"/>'s when given (per-value counts under a filter on another dimension would be wrong).
    /// Null when the scope needs the per-user rollups.
    /// </summary>
    public static string? ExactDimension(AnalyticsScope scope, AnalyticsGroupBy? groupBy)
    {
        var filter = scope.Filter;
        if (scope.ClientVersions || scope.Activity != AnalyticsActivity.Any || filter.Users.Count > 0 || filter.Versions.Count > 0)
        {
            return null;
        }

        var filtered = Dimensions.Where(d => FilterValues(filter, d).Count > 0).ToList();
        if (groupBy is null)
        {
            // A distinct count over days: the membership rows of the one filtered dimension, or of the workspace.
            return filtered.Count switch { 0 => Workspace, 1 => filtered[0], _ => null };
        }

        var grouped = DimensionOf(groupBy.Value);
        return grouped is not null && (filtered.Count == 0 || (filtered.Count == 1 && filtered[0] == grouped)) ? grouped : null;
    }

    /// <summary>
    /// The one (dimension, value) whose users' last days count a scope's distinct users exactly: the scope's
    /// <see cref="ExactDimension"/> without grouping, with at most one value (the workspace, or a filter naming one value;
    /// several values would count a user once per value). Null otherwise. The users whose last day reaches the window's
    /// end (records dated in the future) still need their days in the window looked up (<see cref="ActiveUserCountPlan"/>).
    /// </summary>
    public static (string Dimension, string Value)? LastDayMember(AnalyticsScope scope)
    {
        var dimension = ExactDimension(scope, null);
        if (dimension is null)
        {
            return null;
        }

        var values = FilterValues(scope.Filter, dimension);
        return values.Count switch
        {
            0 when dimension == Workspace => (dimension, ""),
            1 => (dimension, values[0]),
            _ => null,
        };
    }

    /// <summary>The filter values of <paramref name="dimension"/> (empty: every value).</summary>
    public static IReadOnlyList<string> FilterValues(AnalyticsFilter filter, string dimension) => dimension switch
    {
        "team" => filter.Teams,
        "surface" => filter.Surfaces,
        "client" => filter.Clients,
        "model" => filter.Models,
        "agent" => filter.Agents,
        _ => [],
    };

    /// <summary>The commit's daily deltas (<see cref="DailyRollup.Of"/>) summed without the user; keys are distinct.</summary>
    public static IReadOnlyList<KeyValuePair<(string WorkspaceId, UsageRollupKey Key), UsageMeasures>> Totals(
        IReadOnlyList<KeyValuePair<(string WorkspaceId, UsageRollupKey Key), UsageMeasures>> daily)
    {
        var totals = new Dictionary<(string, UsageRollupKey), UsageMeasures>();
        foreach (var ((workspaceId, key), measures) in daily)
        {
            var userFree = key with { UserId = "" };
            if (!totals.TryGetValue((workspaceId, userFree), out var sum))
            {
                sum = new UsageMeasures();
                totals.Add((workspaceId, userFree), sum);
            }

            sum.Add(measures);
        }

        return totals.ToList();
    }

    /// <summary>The distinct membership rows the commit's daily deltas imply (users with an id and records only).</summary>
    public static IReadOnlyList<ActiveUserDay> Memberships(IReadOnlyList<KeyValuePair<(string WorkspaceId, UsageRollupKey Key), UsageMeasures>> daily)
    {
        var rows = new HashSet<ActiveUserDay>();
        foreach (var ((workspaceId, key), measures) in daily)
        {
            if (key.UserId.Length == 0 || measures.Records <= 0)
            {
                continue;
            }

            var day = key.HourStart.ToUnixTimeSeconds();
            rows.Add(new ActiveUserDay(workspaceId, day, Workspace, "", key.UserId));
            rows.Add(new ActiveUserDay(workspaceId, day, "team", key.Team, key.UserId));
            rows.Add(new ActiveUserDay(workspaceId, day, "surface", WireNames.Of(key.Surface), key.UserId));
            rows.Add(new ActiveUserDay(workspaceId, day, "client", WireNames.Of(key.ClientId), key.UserId));
            rows.Add(new ActiveUserDay(workspaceId, day, "model", key.Model, key.UserId));
            rows.Add(new ActiveUserDay(workspaceId, day, "agent", WireNames.Of(key.Agent), key.UserId));
        }

        return rows.ToList();
    }
}
