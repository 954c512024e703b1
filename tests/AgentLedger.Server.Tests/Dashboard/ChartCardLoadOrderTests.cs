using AgentLedger.Server.Features.Dashboard.Components.Shared;
using AgentLedger.Server.Features.Dashboard.Data;
using Bunit;
using Radzen.Blazor;

namespace AgentLedger.Server.Tests.Dashboard;

/// <summary>
/// The dashboard's reads run side by side, so a chart's answer for an earlier key (the previous window or sort) can
/// arrive after the answer for the current key. The card must show the current key's answer whatever the order.
/// </summary>
public sealed class ChartCardLoadOrderTests : IDisposable
{
    private static readonly ChartData Empty = new([], [], HasMore: false);
    private readonly BunitContext _context = new();

    [Fact]
    public void EarlierKeysFailureArrivingLast_DoesNotReplaceTheCurrentAnswer()
    {
        var earlier = new TaskCompletionSource<ChartData>();
        var card = _context.Render<ChartCard>(p => p
            .Add(c => c.Id, "chart").Add(c => c.Title, "Chart").Add(c => c.Key, "30 days").Add(c => c.Load, _ => earlier.Task));
        Assert.Single(card.FindAll("[data-test=chart-loading]"));

        card.Render(p => p.Add(c => c.Key, "7 days").Add(c => c.Load, _ => Task.FromResult(Empty)));
        card.WaitForAssertion(() => Assert.Single(card.FindAll("[data-test=empty]")));

        card.InvokeAsync(() => earlier.SetException(new DashboardApiException("usage", 500, "the 30-day read failed")));
        card.WaitForAssertion(() => Assert.Single(card.FindAll("[data-test=empty]")));
        Assert.Empty(card.FindAll("[data-test=chart-error]"));
    }

    [Fact]
    public void EarlierKeysAnswerArrivingLast_DoesNotReplaceTheCurrentSeries()
    {
        _context.ComponentFactories.AddStub<RadzenChart>(); // the drawing itself is the browser tests' business
        var earlier = new TaskCompletionSource<ChartData>();
        var current = new ChartData([new ChartSeries("Turns", [new ChartPoint("2026-11-25", 3), new ChartPoint("2026-11-26", 4)])], [], HasMore: false);
        var card = _context.Render<ChartCard>(p => p
            .Add(c => c.Id, "chart").Add(c => c.Title, "Chart").Add(c => c.Key, "credits").Add(c => c.Load, _ => earlier.Task));

        card.Render(p => p.Add(c => c.Key, "turns").Add(c => c.Load, _ => Task.FromResult(current)));
        card.WaitForAssertion(() => Assert.Equal("7", card.Find("[data-test=total][data-series=Turns]").GetAttribute("data-value")));

        card.InvokeAsync(() => earlier.SetResult(Empty));
        card.WaitForAssertion(() => Assert.Equal("7", card.Find("[data-test=total][data-series=Turns]").GetAttribute("data-value")));
        Assert.Empty(card.FindAll("[data-test=empty]"));
    }

    public void Dispose() => _context.Dispose();
}
