using System.Globalization;
using System.Text.Json;

namespace AgentLedger.Browser.Tests;

/// <summary>What the pages must show, computed here from the native API (called with an API key), not from the page.</summary>
public static class ApiExpectations
{
    /// <summary>The query of the last <paramref name="days"/> UTC days up to today, as the API takes it.</summary>
    public static string Window(int days, string bucket = "day")
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        return string.Create(CultureInfo.InvariantCulture, $"from={today.AddDays(1 - days):yyyy-MM-dd}&to={today.AddDays(1):yyyy-MM-dd}&bucket={bucket}");
    }

    /// <summary>Sums of <paramref name="field"/> per group (or for the whole answer under the key "").</summary>
    public static async Task<Dictionary<string, double>> TotalsAsync(HttpClient api, string endpoint, string query, string field, bool perGroup)
    {
        var url = $"/api/v1/analytics/workspaces/{DashboardServer.Workspace}/{endpoint}?{query}&limit=30000";
        using var document = JsonDocument.Parse(await api.GetStringAsync(url));
        var totals = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var row in document.RootElement.GetProperty("data").EnumerateArray())
        {
            var key = perGroup ? row.GetProperty("group").GetString()! : "";
            totals[key] = totals.GetValueOrDefault(key) + row.GetProperty(field).GetDouble();
        }

        return totals;
    }

    /// <summary>The per-series totals a chart card shows, by series title.</summary>
    public static async Task<Dictionary<string, double>> ShownAsync(Microsoft.Playwright.IPage page, string chart)
    {
        var totals = page.Locator($"[data-chart='{chart}'] [data-test=total]");
        await totals.First.WaitForAsync(new() { Timeout = 30_000 });
        // Read in one evaluation: the card re-renders when it reloads, and element handles would go stale.
        var pairs = await totals.EvaluateAllAsync<string[][]>("els => els.map(e => [e.dataset.series, e.dataset.value])");
        var shown = pairs.ToDictionary(p => p[0], p => double.Parse(p[1], CultureInfo.InvariantCulture), StringComparer.Ordinal);
        return shown;
    }

    public static void Equal(IReadOnlyDictionary<string, double> expected, IReadOnlyDictionary<string, double> shown)
    {
        var nonZero = expected.Where(e => e.Value != 0).ToDictionary();
        Assert.NotEmpty(nonZero);
        Assert.Equal(nonZero.Keys.Order(StringComparer.Ordinal), shown.Where(s => s.Value != 0).Select(s => s.Key).Order(StringComparer.Ordinal));
        foreach (var (key, value) in nonZero)
        {
            Assert.True(Math.Abs(value - shown[key]) < 0.005, $"{key}: API {value}, page {shown[key]}");
        }
    }
}
