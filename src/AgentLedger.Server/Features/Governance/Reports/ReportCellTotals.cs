using AgentLedger.Core.Analytics;
using AgentLedger.Core.Metrics;

namespace AgentLedger.Server.Features.Governance.Reports;

/// <summary>Sums rollup cells of one stretch of time the ways the report needs them: overall, per surface, team, model and user.</summary>
internal sealed class ReportCellTotals
{
    public UsageMeasures Totals { get; } = new();

    public HashSet<string> Users { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, HashSet<string>> SurfaceUsers { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, (HashSet<string> Users, UsageMeasures Measures)> Teams { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, UsageMeasures> Models { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, UsageMeasures> PerUser { get; } = new(StringComparer.Ordinal);

    public ReviewEngagement Engagement { get; } = new();

    public void Add(AnalyticsCell cell)
    {
        if (cell.Engagement is not null)
        {
            Engagement.Add(cell.Engagement);
            return;
        }

        Totals.Add(cell.Measures);
        Get(Models, cell.Model.Length == 0 ? "other" : cell.Model).Add(cell.Measures);
        if (cell.Measures.Records == 0 || cell.UserId.Length == 0)
        {
            return;
        }

        Users.Add(cell.UserId);
        if (!SurfaceUsers.TryGetValue(cell.Surface, out var surface))
        {
            surface = new HashSet<string>(StringComparer.Ordinal);
            SurfaceUsers.Add(cell.Surface, surface);
        }

        surface.Add(cell.UserId);
        Get(PerUser, cell.UserId).Add(cell.Measures);
        if (cell.Team.Length > 0)
        {
            if (!Teams.TryGetValue(cell.Team, out var team))
            {
                team = (new HashSet<string>(StringComparer.Ordinal), new UsageMeasures());
                Teams.Add(cell.Team, team);
            }

            team.Users.Add(cell.UserId);
            team.Measures.Add(cell.Measures);
        }
    }

    public ReportTotals ToTotals() => new(Users.Count, Totals.Credits, Totals.CostUsd, Totals.Threads, Totals.Turns);

    public ReportReviews ToReviews() => new(
        Totals.Reviews, Totals.ReviewComments, Totals.Replies, Totals.ReactionsUp, Totals.ReactionsDown, Totals.ReactionsOther, Engagement.Engaged);

    private static UsageMeasures Get(Dictionary<string, UsageMeasures> map, string key)
    {
        if (!map.TryGetValue(key, out var measures))
        {
            measures = new UsageMeasures();
            map.Add(key, measures);
        }

        return measures;
    }
}
