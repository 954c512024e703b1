using AgentLedger.Server.Features.Analytics.Native;
using AgentLedger.Server.Features.Dashboard.Data;
using Microsoft.AspNetCore.Components;

namespace AgentLedger.Server.Features.Dashboard.Components.Shared;

/// <summary>A dashboard page: the signed-in account's workspace, the window its filter bar sets, and API calls over it.</summary>
public abstract class DashboardPage : SignedInPage, IDisposable
{
    private readonly CancellationTokenSource _disposed = new();

    /// <summary>The answers of this page's calls for the current window, by URL: cards that show the same call share one read.</summary>
    private readonly Dictionary<string, Task> _answers = new(StringComparer.Ordinal);

    [Inject]
    protected DashboardApi Api { get; set; } = default!;

    [Inject]
    protected TimeProvider Time { get; set; } = default!;

    [Inject]
    private DashboardFilterOptions FilterOptions { get; set; } = default!;

    protected DashboardWindow Window { get; set; } = default!;

    protected IReadOnlyList<string> Teams { get; private set; } = [];

    protected IReadOnlyList<string> Models { get; private set; } = [];

    protected override async Task OnInitializedAsync()
    {
        await base.OnInitializedAsync();
        Window = DashboardWindow.LastDays(30, Time);
        var options = FilterOptions.GetAsync(WorkspaceId);
        if (options.IsCompletedSuccessfully)
        {
            (Teams, Models) = options.Result;
        }
        else
        {
            // The charts need not wait for the filter lists.
            _ = ShowFilterOptionsAsync(options);
        }
    }

    protected async Task WindowChangedAsync(DashboardWindow window)
    {
        Window = window;
        _answers.Clear();
        await OnWindowChangedAsync();
    }

    /// <summary>For pages whose content is not in chart cards (which reload by themselves).</summary>
    protected virtual Task OnWindowChangedAsync() => Task.CompletedTask;

    protected ApiCall Call(string endpoint, string? groupBy, bool filters = true) =>
        new(WorkspaceId, endpoint, Window.SeriesPairs(groupBy, filters));

    /// <summary>
    /// The call's answer, read once per page and window however many cards show it. The read belongs to the page (a card
    /// that goes away does not cancel it for the others); <paramref name="cancellationToken"/> only stops the wait.
    /// </summary>
    protected Task<AnalyticsSeriesPage<T>> GetAsync<T>(ApiCall call, CancellationToken cancellationToken)
    {
        var key = typeof(T).Name + " " + call.Url("json");
        if (!_answers.TryGetValue(key, out var answer) || answer.IsFaulted || answer.IsCanceled)
        {
            answer = Api.GetAsync<T>(call, _disposed.Token);
            _answers[key] = answer;
        }

        return ((Task<AnalyticsSeriesPage<T>>)answer).WaitAsync(cancellationToken);
    }

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

    public void Dispose()
    {
        _disposed.Cancel();
        _disposed.Dispose();
        GC.SuppressFinalize(this);
    }

    private async Task ShowFilterOptionsAsync(Task<(IReadOnlyList<string> Teams, IReadOnlyList<string> Models)> options)
    {
        (Teams, Models) = await options;
        StateHasChanged();
    }
}
