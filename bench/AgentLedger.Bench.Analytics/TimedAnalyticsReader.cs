using System.Diagnostics;
using AgentLedger.Core.Analytics;

namespace AgentLedger.Bench.Analytics;

/// <summary>Wraps a reader and adds up the time spent in each of its calls, to show where a page's time goes.</summary>
internal sealed class TimedAnalyticsReader(IAnalyticsReader inner) : IAnalyticsReader
{
    public Dictionary<string, (int Calls, TimeSpan Time, long Rows)> Totals { get; } = [];

    public Task<long?> FirstActiveHourAsync(AnalyticsScope scope, long fromHour, long toHour, CancellationToken cancellationToken) =>
        TimeAsync(nameof(FirstActiveHourAsync), () => inner.FirstActiveHourAsync(scope, fromHour, toHour, cancellationToken), _ => 1);

    public Task<IReadOnlyList<AnalyticsCell>> ReadCellsAsync(
        AnalyticsScope scope, long fromHour, long toHour, string? afterUser, int? userLimit, CancellationToken cancellationToken) =>
        TimeAsync(nameof(ReadCellsAsync), () => inner.ReadCellsAsync(scope, fromHour, toHour, afterUser, userLimit, cancellationToken), r => r.Count);

    public Task<DailyGroups> ReadDailyGroupsAsync(
        AnalyticsScope scope, AnalyticsGroupBy groupBy, long fromDay, long toDay, CancellationToken cancellationToken) =>
        TimeAsync(nameof(ReadDailyGroupsAsync), () => inner.ReadDailyGroupsAsync(scope, groupBy, fromDay, toDay, cancellationToken), r => r.Cells.Count);

    public Task<IReadOnlyList<AnalyticsCell>> ReadUserTotalsAsync(AnalyticsScope scope, long fromHour, long toHour, CancellationToken cancellationToken) =>
        inner.ReadUserTotalsAsync(scope, fromHour, toHour, cancellationToken);

    public Task<IReadOnlyList<(string UserId, long HourStart)>> ReadActiveHoursAsync(
        AnalyticsScope scope, long fromHour, long toHour, CancellationToken cancellationToken) =>
        inner.ReadActiveHoursAsync(scope, fromHour, toHour, cancellationToken);

    public Task<IReadOnlyList<int>> CountActiveUsersAsync(
        AnalyticsScope scope, IReadOnlyList<(long FromHour, long ToHour)> periods, bool useUserFreeRollups, CancellationToken cancellationToken) =>
        TimeAsync(nameof(CountActiveUsersAsync), () => inner.CountActiveUsersAsync(scope, periods, useUserFreeRollups, cancellationToken), r => r.Count);

    public Task<IReadOnlyDictionary<string, string>> ReadUserEmailsAsync(
        string workspaceId, IReadOnlyCollection<string> userIds, CancellationToken cancellationToken) =>
        TimeAsync(nameof(ReadUserEmailsAsync), () => inner.ReadUserEmailsAsync(workspaceId, userIds, cancellationToken), r => r.Count);

    private async Task<T> TimeAsync<T>(string name, Func<Task<T>> call, Func<T, int> rows)
    {
        var started = Stopwatch.GetTimestamp();
        var result = await call();
        var (calls, time, count) = Totals.GetValueOrDefault(name);
        Totals[name] = (calls + 1, time + Stopwatch.GetElapsedTime(started), count + rows(result));
        return result;
    }
}
