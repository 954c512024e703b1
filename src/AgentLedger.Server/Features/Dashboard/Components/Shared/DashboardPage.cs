using AgentLedger.Server.Features.Analytics.Native;
using AgentLedger.Server.Features.Dashboard.Data;
using Microsoft.AspNetCore.Components;

namespace AgentLedger.Server.Features.Dashboard.Components.Shared;

/// <summary>A dashboard page: the signed-in account's workspace, the window its filter bar sets, and API calls over it.</summary>
public abstract class DashboardPage : SignedInPage
{
    [Inject]
    protected DashboardApi Api { get; set; } = default!;

    [Inject]
    protected TimeProvider Time { get; set; } = default!;

    protected DashboardWindow Window { get; set; } = default!;

    protected IReadOnlyList<string> Teams { get; private set; } = [];

    protected IReadOnlyList<string> Models { get; private set; } = [];

    protected override async Task OnInitializedAsync()
    {
        await base.OnInitializedAsync();
        Window = DashboardWindow.LastDays(30, Time);
        await LoadFilterOptionsAsync();
    }

    protected async Task WindowChangedAsync(DashboardWindow window)
    {
        var reloadOptions = window.FirstDay != Window.FirstDay || window.LastDay != Window.LastDay;
        Window = window;
        if (reloadOptions)
        {
            await LoadFilterOptionsAsync();
        }

        await OnWindowChangedAsync();
    }

    /// <summary>For pages whose content is not in chart cards (which reload by themselves).</summary>
    protected virtual Task OnWindowChangedAsync() => Task.CompletedTask;

    protected ApiCall Call(string endpoint, string? groupBy, bool filters = true) =>
        new(WorkspaceId, endpoint, Window.SeriesPairs(groupBy, filters));

    protected Task<AnalyticsSeriesPage<T>> GetAsync<T>(ApiCall call, CancellationToken cancellationToken) =>
        Api.GetAsync<T>(call, cancellationToken);

    /// <summary>One call, one series per group.</summary>
    protected async Task<ChartData> ByGroupAsync<T>(ApiCall call, Func<T, string> bucket, Func<T, string> group, Func<T, double> value, CancellationToken ct)
    {
        var page = await GetAsync<T>(call, ct);
        return new ChartData(ChartSeries.ByGroup(page.Data, bucket, group, value), [call], page.HasMore);
    }

    /// <summary>One call, several measures each as a series summed over groups.</summary>
    protected async Task<ChartData> MeasuresAsync<T>(ApiCall call, Func<T, string> bucket, CancellationToken ct, params (string Title, Func<T, double> Value)[] measures)
    {
        var page = await GetAsync<T>(call, ct);
        return new ChartData(measures.Select(m => ChartSeries.Of(m.Title, page.Data, bucket, m.Value)).ToList(), [call], page.HasMore);
    }

    private async Task LoadFilterOptionsAsync()
    {
        try
        {
            var teams = await Api.GetAsync<UsageSeriesRow>(new ApiCall(WorkspaceId, "usage", Window.SeriesPairs("team", filters: false)), default);
            var models = await Api.GetAsync<UsageSeriesRow>(new ApiCall(WorkspaceId, "usage", Window.SeriesPairs("model", filters: false)), default);
            Teams = teams.Data.Select(r => r.Group).Where(g => g.Length > 0).Distinct().Order(StringComparer.Ordinal).ToList();
            Models = models.Data.Select(r => r.Group).Where(g => g.Length > 0).Distinct().Order(StringComparer.Ordinal).ToList();
        }
        catch (DashboardApiException)
        {
            // The filter lists are a convenience; the charts report their own errors.
            Teams = [];
            Models = [];
        }
    }
}
