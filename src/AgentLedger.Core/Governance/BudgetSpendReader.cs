using AgentLedger.Core.Analytics;
using AgentLedger.Core.Metrics;

namespace AgentLedger.Core.Governance;

/// <summary>
/// Computes a budget's spend from the rollups, never from raw records: the whole UTC days of the period come from
/// the daily rollup, the hours before the first and after the last whole day from the hourly rollup, so a month
/// costs about one row per user, client, model and day. The hour that holds "now" counts whole (rollups are hourly).
/// </summary>
/// <remarks>
/// Forecast: linear. spend + spend / elapsed × remaining, where elapsed is the time since the period started (at least
/// one hour, so that the first minutes of a period do not extrapolate a single request to the whole month).
/// </remarks>
public sealed class BudgetSpendReader(IAnalyticsReader reader)
{
    private const long Hour = 3600;

    public async Task<BudgetStatus> StatusAsync(Budget budget, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var window = BudgetWindow.Of(budget.Period, budget.TimeZone, now);
        var nowSeconds = now.ToUnixTimeSeconds();
        var to = Math.Min(window.End, (nowSeconds / Hour + 1) * Hour);
        var measures = await SumAsync(ScopeOf(budget), window.Start, to, cancellationToken).ConfigureAwait(false);
        var spend = budget.Unit == BudgetUnit.Credits ? measures.Credits : measures.CostUsd;
        var elapsed = Math.Max(Hour, nowSeconds - window.Start);
        var remaining = Math.Max(0, window.End - nowSeconds);
        var forecast = decimal.Round(spend + spend / elapsed * remaining, 6);
        var percent = budget.Amount <= 0 ? 0 : decimal.Floor(spend * 10_000 / budget.Amount) / 100;
        return new BudgetStatus(budget, window, spend, forecast, percent);
    }

    /// <summary>The rollup scope of a budget: its workspace, narrowed to its team or user.</summary>
    public static AnalyticsScope ScopeOf(Budget budget) => new(
        budget.WorkspaceId,
        budget.Scope switch
        {
            BudgetScopeKind.Team => new AnalyticsFilter { Teams = [budget.ScopeValue] },
            BudgetScopeKind.User => new AnalyticsFilter { Users = [budget.ScopeValue] },
            _ => AnalyticsFilter.None,
        },
        AnalyticsActivity.Any);

    /// <summary>Sums the usage counters of the scope over the hours [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public async Task<UsageMeasures> SumAsync(AnalyticsScope scope, long from, long to, CancellationToken cancellationToken)
    {
        var total = new UsageMeasures();
        foreach (var (start, end) in Split(from, to))
        {
            foreach (var cell in await reader.ReadCellsAsync(scope, start, end, null, null, cancellationToken).ConfigureAwait(false))
            {
                total.Add(cell.Measures);
            }
        }

        return total;
    }

    /// <summary>[from, to) as leading hours, whole UTC days (answered by the daily rollup) and trailing hours.</summary>
    public static IEnumerable<(long From, long To)> Split(long from, long to)
    {
        if (to <= from)
        {
            yield break;
        }

        var firstDay = (from + DailyRollup.DaySeconds - 1) / DailyRollup.DaySeconds * DailyRollup.DaySeconds;
        var lastDay = to / DailyRollup.DaySeconds * DailyRollup.DaySeconds;
        if (firstDay >= lastDay)
        {
            yield return (from, to);
            yield break;
        }

        if (from < firstDay)
        {
            yield return (from, firstDay);
        }

        yield return (firstDay, lastDay);
        if (lastDay < to)
        {
            yield return (lastDay, to);
        }
    }
}
