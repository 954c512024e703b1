using System.Diagnostics;
using System.Net.Http.Json;
using System.Globalization;
using System.Text.Json.Nodes;
using AgentLedger.Server.Features.Governance.Reports;

namespace AgentLedger.Server.Tests.Governance;

/// <summary>
/// The leadership report printed by the real headless Chromium: its first page is converted to PNG with pdftoppm
/// and its text read with pdftotext (poppler-utils), and every figure it shows is compared with the report's JSON.
/// </summary>
public sealed class LeadershipReportTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 11, 9, 0, 0, TimeSpan.Zero);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Pdf_FirstPageRendersAndShowsTheApiFigures_SmallTeamSuppressed()
    {
        RequiredTool.Require("/usr/bin/chromium", "chromium");
        RequiredTool.Require("/usr/bin/pdftoppm", "poppler-utils");
        RequiredTool.Require("/usr/bin/pdftotext", "poppler-utils");
        await using var server = await GovernanceServer.StartAsync(Now);
        var (ws, client) = await server.NewWorkspaceAsync();
        await ReportActivity.SeedAsync(client, ws);
        using (var put = await client.PutAsJsonAsync($"/api/v1/workspaces/{ws}/governance", new JsonObject { ["min_group_size"] = 3, ["report_show_names"] = true }, Ct))
        {
            put.EnsureSuccessStatusCode();
        }

        var report = await client.GetJsonAsync($"/api/v1/analytics/workspaces/{ws}/reports/leadership?period=week&date=2026-03-04");
        Assert.Equal(("2026-03-02T00:00:00+00:00", 4, 46.75m), ((string)report["from"]!, (int)report["current"]!["active_users"]!, (decimal)report["current"]!["credits"]!));
        Assert.Equal(["platform"], report["top_teams"]!.AsArray().Select(t => (string)t!["team"]!));
        Assert.Equal(1, (int)report["suppressed_teams"]!);

        var folder = Directory.CreateTempSubdirectory("agentledger-report-test-").FullName;
        try
        {
            var pdfPath = Path.Combine(folder, "report.pdf");
            using (var pdf = await client.GetAsync($"/api/v1/analytics/workspaces/{ws}/reports/leadership?period=week&date=2026-03-04&format=pdf", Ct))
            {
                Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
                await File.WriteAllBytesAsync(pdfPath, await pdf.Content.ReadAsByteArrayAsync(Ct), Ct);
            }

            await RunAsync("/usr/bin/pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", pdfPath, Path.Combine(folder, "page"));
            var png = Directory.GetFiles(folder, "page*.png").Single();
            var bytes = await File.ReadAllBytesAsync(png, Ct);
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
            Assert.True(bytes.Length > 20_000, $"page 1 is only {bytes.Length} bytes of PNG: blank?");
            File.Copy(png, Path.Combine(Path.GetTempPath(), "agentledger-leadership-report-page1.png"), overwrite: true);

            var text = await RunAsync("/usr/bin/pdftotext", "-layout", pdfPath, "-");
            var current = report["current"]!;
            var expected = new List<string>
            {
                ReportFormat.Count((int)current["active_users"]!),
                ReportFormat.Money((decimal)current["credits"]!),
                ReportFormat.Usd((decimal)current["cost_usd"]!),
                ReportFormat.Change((decimal)current["credits"]!, (decimal)report["previous"]!["credits"]!),
                "2026-03-02 to 2026-03-08",
            };
            expected.AddRange(report["models"]!.AsArray().SelectMany(m => new[] { (string)m!["model"]!, ReportFormat.Money((decimal)m["credits"]!) }));
            expected.AddRange(report["active_users_by_surface"]!.AsArray().Select(s => $"{(string)s!["surface"]!}  "));
            expected.AddRange(report["top_teams"]!.AsArray().Select(t => ReportFormat.Money((decimal)t!["credits"]!)));
            expected.AddRange(report["top_users"]!.AsArray().Select(u => (string)u!["user"]!));
            var reviews = report["reviews"]!;
            expected.Add($"Reviews {ReportFormat.Count((long)reviews["reviews"]!)}");
            expected.Add($"Review comments {ReportFormat.Count((long)reviews["comments"]!)}");
            expected.Add($"{ReportFormat.Count((long)reviews["engaged_comments"]!)} ({((decimal)reviews["engagement_percent"]!).ToString("0.0", CultureInfo.InvariantCulture)}%)");
            expected.Add("1 team(s) with fewer than 3");
            var flat = System.Text.RegularExpressions.Regex.Replace(text, "[ ]{2,}", "  ");
            var squeezed = System.Text.RegularExpressions.Regex.Replace(text, "\\s+", " ");
            var missing = expected.Where(e => !flat.Contains(e, StringComparison.Ordinal) && !squeezed.Contains(e.Trim(), StringComparison.Ordinal)).ToList();
            Assert.True(missing.Count == 0, "Not in the PDF's text: " + string.Join(" | ", missing) + "\n" + text);
            Assert.DoesNotContain("mobile", text, StringComparison.Ordinal);
            Assert.Equal(2, (int)reviews["comments"]!);
            Assert.Equal(2, (int)reviews["engaged_comments"]!);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Report_BadParameters_ProblemNamingTheParameter()
    {
        await using var server = await GovernanceServer.StartAsync(Now);
        var (ws, client) = await server.NewWorkspaceAsync();
        foreach (var (query, parameter) in new[] { ("period=year", "period"), ("date=2026-13-01", "date"), ("format=docx", "format"), ("time_zone=Mars/Base", "time_zone") })
        {
            using var response = await client.GetAsync($"/api/v1/analytics/workspaces/{ws}/reports/leadership?{query}", Ct);
            Assert.Equal(400, (int)response.StatusCode);
            Assert.True(JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!["errors"]!.AsObject().ContainsKey(parameter), query);
        }
    }

    private static async Task<string> RunAsync(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{tool} exited with {process.ExitCode}: {await error}");
        return await output;
    }
}
