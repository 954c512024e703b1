using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AgentLedger.Core.Keys;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLedger.Server.Tests.Governance;

/// <summary>
/// With pseudonymisation on, no e-mail (and no directory user id) appears in any analytics output: the test finds every
/// analytics GET route the server maps (Codex-compatible, native, report) and calls each per workspace and per user, as
/// JSON, CSV, HTML and PDF. Before the setting is on, the same sweep finds the e-mails, so the sweep can fail.
/// </summary>
public sealed class PseudonymisationSweepTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 11, 9, 0, 0, TimeSpan.Zero);
    private static readonly string[] Variants =
        ["", "?group_by=user", "?group_by=team", "?format=csv", "?group_by=user&format=csv", "?group_by=workspace", "?format=html", "?format=pdf&period=week"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EveryAnalyticsRoute_Pseudonymised_ShowsNoEmailAndNoUserId()
    {
        await using var server = await GovernanceServer.StartAsync(Now);
        var (ws, admin) = await server.NewWorkspaceAsync();
        await ReportActivity.SeedAsync(admin, ws);
        using var analytics = await server.ClientAsync(ws, ApiKeyScope.AnalyticsRead);
        var userIds = (await admin.GetJsonAsync($"/api/v1/workspaces/{ws}/directory/users"))["data"]!.AsArray().Select(u => (string)u!["user_id"]!).ToList();
        Assert.Equal(4, userIds.Count);
        var routes = server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && raw.Contains("analytics/", StringComparison.Ordinal) && raw.Contains("{workspace_id}", StringComparison.Ordinal)
                        && e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods.Contains("GET") == true)
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/').Replace("{workspace_id}", ws, StringComparison.Ordinal))
            .Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.True(routes.Count >= 11, "analytics routes found: " + string.Join(", ", routes));

        var before = await SweepAsync(analytics, routes);
        Assert.Contains(before, r => r.Body.Contains("ana@example.com", StringComparison.Ordinal));

        using (var put = await admin.PutAsJsonAsync($"/api/v1/workspaces/{ws}/governance",
                   new JsonObject { ["pseudonymise_users"] = true, ["report_show_names"] = true }, Ct))
        {
            put.EnsureSuccessStatusCode();
        }

        var after = await SweepAsync(analytics, routes);
        Assert.True(after.Count >= routes.Count * 3, $"only {after.Count} successful calls");
        var leaks = after.Where(r => ReportActivity.Emails.Any(e => r.Body.Contains(e, StringComparison.OrdinalIgnoreCase))
                                     || r.Body.Contains("@example.com", StringComparison.OrdinalIgnoreCase)
                                     || userIds.Any(id => r.Body.Contains(id, StringComparison.Ordinal)))
            .Select(r => r.Url).ToList();
        Assert.True(leaks.Count == 0, "E-mails or user ids in: " + string.Join(", ", leaks));

        // The pseudonyms are there instead, stable, and a filter by pseudonym finds that user's rows.
        var rows = (await analytics.GetJsonAsync($"/api/v1/analytics/workspaces/{ws}/usage?group_by=user&from=2026-03-02&to=2026-03-09&bucket=week"))["data"]!.AsArray();
        var pseudonyms = rows.Select(r => (string)r!["group"]!).ToList();
        Assert.Equal(4, pseudonyms.Count);
        Assert.All(pseudonyms, p => Assert.Matches("^u_[0-9a-f]{16}$", p));
        var again = (await analytics.GetJsonAsync($"/api/v1/analytics/workspaces/{ws}/usage?group_by=user&from=2026-03-02&to=2026-03-09&bucket=week"))["data"]!.AsArray();
        Assert.Equal(pseudonyms, again.Select(r => (string)r!["group"]!));
        var one = (await analytics.GetJsonAsync($"/api/v1/analytics/workspaces/{ws}/usage?group_by=user&from=2026-03-02&to=2026-03-09&bucket=week&user={pseudonyms[0]}"))["data"]!.AsArray();
        Assert.Equal([pseudonyms[0]], one.Select(r => (string)r!["group"]!));
        Assert.Equal((decimal)rows[0]!["credits"]!, (decimal)one[0]!["credits"]!);

        // The directory, which maps ids to e-mails, is for admins only now.
        using var directory = await analytics.GetAsync($"/api/v1/workspaces/{ws}/directory/users", Ct);
        Assert.Equal(403, (int)directory.StatusCode);
    }

    [Fact]
    public async Task MinimumGroupSize_TeamOfFewerUsers_SuppressedInTeamRowsAndTeamFilters()
    {
        await using var server = await GovernanceServer.StartAsync(Now);
        var (ws, admin) = await server.NewWorkspaceAsync();
        await ReportActivity.SeedAsync(admin, ws);
        const string Window = "from=2026-03-02&to=2026-03-09&bucket=week";
        var teams = (await admin.GetJsonAsync($"/api/v1/analytics/workspaces/{ws}/usage?group_by=team&{Window}"))["data"]!.AsArray();
        Assert.Equal(["mobile", "platform"], teams.Select(t => (string)t!["group"]!));

        using (var put = await admin.PutAsJsonAsync($"/api/v1/workspaces/{ws}/governance", new JsonObject { ["min_group_size"] = 3 }, Ct))
        {
            put.EnsureSuccessStatusCode();
        }

        teams = (await admin.GetJsonAsync($"/api/v1/analytics/workspaces/{ws}/usage?group_by=team&{Window}"))["data"]!.AsArray();
        Assert.Equal([("platform", 3)], teams.Select(t => ((string)t!["group"]!, (int)t["active_users"]!)));
        var mobile = (await admin.GetJsonAsync($"/api/v1/analytics/workspaces/{ws}/usage?team=mobile&{Window}"))["data"]!.AsArray();
        Assert.Empty(mobile);
        using var csv = await admin.GetAsync($"/api/v1/analytics/workspaces/{ws}/active_users?group_by=team&format=csv&{Window}", Ct);
        Assert.DoesNotContain("mobile", await csv.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        using var bad = await admin.PutAsJsonAsync($"/api/v1/workspaces/{ws}/governance", new JsonObject { ["min_group_size"] = -1 }, Ct);
        Assert.Equal(400, (int)bad.StatusCode);
        Assert.Contains("min_group_size", await bad.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    private static async Task<List<(string Url, string Body)>> SweepAsync(HttpClient client, IReadOnlyList<string> routes)
    {
        var results = new List<(string Url, string Body)>();
        foreach (var route in routes)
        {
            foreach (var variant in Variants)
            {
                var url = route + variant;
                using var response = await client.GetAsync(url, Ct);
                if (!response.IsSuccessStatusCode)
                {
                    continue;
                }

                var bytes = await response.Content.ReadAsByteArrayAsync(Ct);
                var body = response.Content.Headers.ContentType?.MediaType == "application/pdf"
                    ? await PdfTextAsync(bytes)
                    : System.Text.Encoding.UTF8.GetString(bytes);
                results.Add((url, body));
            }
        }

        return results;
    }

    private static async Task<string> PdfTextAsync(byte[] pdf)
    {
        RequiredTool.Require("/usr/bin/pdftotext", "poppler-utils");
        var path = Path.GetTempFileName();
        try
        {
            await File.WriteAllBytesAsync(path, pdf, Ct);
            var start = new ProcessStartInfo("/usr/bin/pdftotext") { RedirectStandardOutput = true, UseShellExecute = false };
            start.ArgumentList.Add(path);
            start.ArgumentList.Add("-");
            using var process = Process.Start(start)!;
            var text = await process.StandardOutput.ReadToEndAsync(Ct);
            await process.WaitForExitAsync(Ct);
            return text;
        }
        finally
        {
            File.Delete(path);
        }
    }
}
