using AgentLedger.Core.Accounts;
using AgentLedger.Core.Governance;
using AgentLedger.Core.Records;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLedger.Browser.Tests;

/// <summary>The Budgets page in the real Chromium, on a server of its own (the shared dashboard server is read-only).</summary>
public sealed class BudgetsPageTests
{
    [Fact]
    public async Task Budgets_AsViewer_ShowsEachBudgetWithTheSpendAndForecastTheReaderComputes()
    {
        PrivateDashboardServer.RequireChromium();
        await using var server = await PrivateDashboardServer.StartAsync("budgets-page");
        await server.CreateAccountAsync("viewer@example.com", DashboardRole.AnalyticsViewer);
        var store = server.Services.GetRequiredService<IGovernanceStore>();
        var now = server.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        var budget = new Budget("demo", RecordIds.NewId(now), "Demo monthly credits", BudgetScopeKind.Workspace, "", BudgetPeriod.Month, BudgetUnit.Credits,
            50m, [50, 80, 100], BudgetMode.Block, "UTC", now, now);
        await store.SaveBudgetAsync(budget, CancellationToken.None);
        var status = await server.Services.GetRequiredService<BudgetSpendReader>().StatusAsync(budget, now, CancellationToken.None);

        var page = await server.SignInAsync("viewer@example.com");
        await page.ClickAsync("nav >> text=Budgets");
        var row = await page.WaitForSelectorAsync("[data-test=budget-row]");
        var text = await row!.InnerTextAsync();
        Assert.Contains("Demo monthly credits", text, StringComparison.Ordinal);
        Assert.Contains($"{status.Spend.ToString("N2", System.Globalization.CultureInfo.InvariantCulture)} / 50.00 credits", text, StringComparison.Ordinal);
        Assert.Contains(status.Exhausted ? "blocking" : "block at 100%", text, StringComparison.Ordinal);
    }
}
