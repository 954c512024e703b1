using AgentLedger.Core.Analytics;
using AgentLedger.Core.Governance;

namespace AgentLedger.Core.Tests.Governance;

public sealed class BudgetWindowTests
{
    [Theory]
    [InlineData(BudgetPeriod.Day, "UTC", "2026-03-10T23:59:59Z", "2026-03-10T00:00:00Z", "2026-03-11T00:00:00Z")]
    [InlineData(BudgetPeriod.Week, "UTC", "2026-03-08T12:00:00Z", "2026-03-02T00:00:00Z", "2026-03-09T00:00:00Z")]
    [InlineData(BudgetPeriod.Month, "UTC", "2026-02-28T23:00:00Z", "2026-02-01T00:00:00Z", "2026-03-01T00:00:00Z")]
    [InlineData(BudgetPeriod.Month, "Europe/Berlin", "2026-02-28T23:30:00Z", "2026-02-28T23:00:00Z", "2026-03-31T22:00:00Z")]
    [InlineData(BudgetPeriod.Day, "America/New_York", "2026-03-08T12:00:00Z", "2026-03-08T05:00:00Z", "2026-03-09T04:00:00Z")]
    public void Of_PeriodHoldingNow_LocalBoundariesIncludingClockChanges(BudgetPeriod period, string zone, string now, string start, string end)
    {
        var window = BudgetWindow.Of(period, zone, DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal((DateTimeOffset.Parse(start, System.Globalization.CultureInfo.InvariantCulture), DateTimeOffset.Parse(end, System.Globalization.CultureInfo.InvariantCulture)),
            (window.StartTime, window.EndTime));
    }

    [Fact]
    public void Of_HalfHourZone_RefusedNamingTheZone()
    {
        var ex = Assert.Throws<AnalyticsQueryException>(() => BudgetWindow.Of(BudgetPeriod.Day, "Asia/Kolkata", DateTimeOffset.UnixEpoch.AddYears(56)));
        Assert.Contains("Asia/Kolkata", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Split_HoursWholeUtcDaysHours_CoverTheRangeExactlyOnce()
    {
        var from = new DateTimeOffset(2026, 3, 1, 23, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();
        var to = new DateTimeOffset(2026, 3, 5, 14, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();
        var parts = BudgetSpendReader.Split(from, to).ToList();
        Assert.Equal(3, parts.Count);
        Assert.Equal(from, parts[0].From);
        Assert.Equal(to, parts[^1].To);
        Assert.True(DailyRollup.Covers(parts[1].From, parts[1].To));
        Assert.Equal(parts[0].To, parts[1].From);
        Assert.Equal(parts[1].To, parts[2].From);
        Assert.Equal([(from, from + 3600)], BudgetSpendReader.Split(from, from + 3600));
        Assert.Empty(BudgetSpendReader.Split(to, from));
    }

    [Fact]
    public void Status_ThresholdsAndExhaustion_FromSpend()
    {
        var budget = new Budget("ws", "b", "B", BudgetScopeKind.Workspace, "", BudgetPeriod.Month, BudgetUnit.Credits, 200m, [50, 80, 100],
            BudgetMode.Block, "UTC", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);
        var window = new BudgetWindow(0, 100);
        Assert.Equal([50], new BudgetStatus(budget, window, 100m, 0, 50).CrossedThresholds);
        Assert.Equal([50, 80], new BudgetStatus(budget, window, 199.99m, 0, 99.99m).CrossedThresholds);
        Assert.False(new BudgetStatus(budget, window, 199.99m, 0, 99.99m).Exhausted);
        Assert.True(new BudgetStatus(budget, window, 200m, 0, 100m).Exhausted);
        Assert.True(budget.AppliesTo("anyone", null));
        Assert.False((budget with { Scope = BudgetScopeKind.Team, ScopeValue = "platform" }).AppliesTo("u", "mobile"));
        Assert.True((budget with { Scope = BudgetScopeKind.User, ScopeValue = "u-1" }).AppliesTo("u-1", null));
    }
}
