using AgentLedger.Server.Features.Analytics.Native;

namespace AgentLedger.Server.Features.Dashboard.Data;

/// <summary>
/// The teams and models of the filter bar: those seen in the last <see cref="Days"/> days (the widest preset), read
/// once per circuit (two usage calls), not once per page or per window change.
/// </summary>
public sealed class DashboardFilterOptions(DashboardApi api, TimeProvider time)
{
    public const int Days = 90;

    private Task<(IReadOnlyList<string> Teams, IReadOnlyList<string> Models)>? _loaded;

    public Task<(IReadOnlyList<string> Teams, IReadOnlyList<string> Models)> GetAsync(string workspaceId) => _loaded ??= LoadAsync(workspaceId);

    private async Task<(IReadOnlyList<string>, IReadOnlyList<string>)> LoadAsync(string workspaceId)
    {
        var window = DashboardWindow.LastDays(Days, time);
        try
        {
            var teams = api.GetAsync<UsageSeriesRow>(new ApiCall(workspaceId, "usage", window.SeriesPairs("team", filters: false)), default);
            var models = api.GetAsync<UsageSeriesRow>(new ApiCall(workspaceId, "usage", window.SeriesPairs("model", filters: false)), default);
            return (Groups(await teams), Groups(await models));
        }
        catch (DashboardApiException)
        {
            // The filter lists are a convenience; the charts report their own errors. A later page tries again.
            _loaded = null;
            return ([], []);
        }
    }

    private static List<string> Groups(AnalyticsSeriesPage<UsageSeriesRow> page) =>
        page.Data.Select(r => r.Group).Where(g => g.Length > 0).Distinct().Order(StringComparer.Ordinal).ToList();
}
