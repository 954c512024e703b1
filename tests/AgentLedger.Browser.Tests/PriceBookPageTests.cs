using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using AgentLedger.Core.Accounts;
using AgentLedger.Core.Compliance;
using AgentLedger.Core.Keys;
using AgentLedger.Core.Records;
using AgentLedger.Server.Features.Admin;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace AgentLedger.Browser.Tests;

/// <summary>The Price book admin page in the real Chromium, on a server of its own.</summary>
public sealed class PriceBookPageTests
{
    private const string Admin = "pricing-admin@example.com";
    private const string Viewer = "pricing-viewer@example.com";

    [Fact]
    public async Task PriceBook_AdminChangesAPrice_NewUsageIsPricedByItAndAViewerCannotOpenThePage()
    {
        PrivateDashboardServer.RequireChromium();
        await using var server = await PrivateDashboardServer.StartAsync("price-book-page");
        await server.CreateAccountAsync(Admin, DashboardRole.Admin);
        await server.CreateAccountAsync(Viewer, DashboardRole.AnalyticsViewer);

        var page = await server.SignInAsync(Admin);
        await page.ClickAsync("nav >> text=Price book");
        var heading = await page.WaitForSelectorAsync("[data-test=effective] h2");
        Assert.Contains("the server-wide book", await heading!.InnerTextAsync(), StringComparison.Ordinal);
        await page.WaitForSelectorAsync("[data-test=no-versions]");

        // A value that is not a number is refused with a message naming the field, and nothing is stored.
        var codex = page.Locator("tr[data-test=model-row]:has(input[data-test=model][value='gpt-5-codex'])");
        await codex.Locator("[data-test=input]").FillAsync("seven");
        await page.ClickAsync("[data-test=add-version]");
        var errors = await page.WaitForSelectorAsync("[data-test=errors]");
        Assert.Contains("input_per_million 'seven' is not a number", await errors!.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("true", await page.Locator("tr[data-test=model-row]:has(input[data-test=model][value='gpt-5-codex']) [data-test=input]").GetAttributeAsync("aria-invalid"));

        codex = page.Locator("tr[data-test=model-row]:has(input[data-test=model][value='gpt-5-codex'])");
        await codex.Locator("[data-test=input]").FillAsync("7");
        await page.FillAsync("[data-test=credits-per-usd]", "50");
        await page.FillAsync("[data-test=note]", "negotiated codex rate");
        await page.ClickAsync("[data-test=add-version]");
        await page.WaitForSelectorAsync("[data-test=added]");
        Assert.Contains("version 1", await page.InnerTextAsync("[data-test=effective] h2"), StringComparison.Ordinal);
        Assert.Contains("$7", await page.InnerTextAsync("[data-test=effective-model][data-model='gpt-5-codex']"), StringComparison.Ordinal);
        var history = await page.InnerTextAsync("[data-test=versions]");
        Assert.Contains("negotiated codex rate", history, StringComparison.Ordinal);
        Assert.Contains(Admin, history, StringComparison.Ordinal);

        // The form is CSRF-protected: the same post without the antiforgery token, with the admin's cookie, is refused.
        var forged = await page.APIRequest.PostAsync("/price-book", new APIRequestContextOptions
        {
            Form = page.APIRequest.CreateFormData().Set("_handler", "price-book").Set("Input.CreditsPerUsd", "1")
                .Set("Input.Models[0].Model", "gpt-5-codex").Set("Input.Models[0].InputPerMillion", "1000")
                .Set("Input.Models[0].CachedInputPerMillion", "1").Set("Input.Models[0].OutputPerMillion", "1"),
        });
        Assert.Equal(400, forged.Status);

        // New usage is priced by the new version: 1M uncached input tokens at $7, 50 credits per USD.
        var reader = server.Services.GetRequiredService<IRecordReader>();
        var lastSeq = (await reader.CountAsync(DashboardServer.Workspace, CancellationToken.None)).LastSeq;
        var key = await server.Services.GetRequiredService<ApiKeyIssuer>().IssueAsync(DashboardServer.Workspace, "ingest", ApiKeyScope.Ingest, CancellationToken.None);
        using (var http = new HttpClient { BaseAddress = server.Address })
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key.Token);
            var at = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);
            var body = $$$"""[{"event_id":"price-book-page-1","type":"model.response","occurred_at":"{{{at}}}","agent":"codex","client_id":"CODEX_CLI","user":{"email":"dev@example.com"},"model":"gpt-5-codex-2026-01-15","usage":{"input_tokens":1000000,"cached_input_tokens":0,"output_tokens":0,"reasoning_tokens":0}}]""";
            (await http.PostAsync("/api/v1/events", new StringContent(body, Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
        }

        var record = Assert.Single(await reader.ReadAfterSeqAsync(DashboardServer.Workspace, lastSeq, 10, CancellationToken.None));
        Assert.Equal((7m, 350m), (record.CostUsd, record.Credits));
        var audit = await server.Services.GetRequiredService<IAuditLog>().ReadAfterSeqAsync(DashboardServer.Workspace, 0, 1000, CancellationToken.None);
        var change = Assert.Single(audit, e => e.Action == "PRICE_BOOK_VERSION_ADDED");
        Assert.Equal((AuditActor.DashboardAccountType, Admin), (change.Actor.Type, change.Actor.Name));

        var viewer = await server.SignInAsync(Viewer);
        Assert.Equal(0, await viewer.Locator("nav >> text=Price book").CountAsync());
        await viewer.GotoAsync("/price-book");
        await viewer.WaitForSelectorAsync("[data-test=access-denied]");
        Assert.Equal(0, await viewer.Locator("[data-test=price-book-form]").CountAsync());
    }
}
