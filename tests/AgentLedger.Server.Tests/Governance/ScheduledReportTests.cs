using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AgentLedger.Core.Governance;
using AgentLedger.Server.Features.Governance.Alerts;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace AgentLedger.Server.Tests.Governance;

/// <summary>The weekly leadership report goes out once per week to every channel: JSON to the webhook, figures to Slack, HTML and PDF by e-mail.</summary>
public sealed class ScheduledReportTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 11, 9, 0, 0, TimeSpan.Zero);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WeeklySchedule_LastWeeksReportOncePerWeekOnEveryChannel()
    {
        RequiredTool.Require("/usr/bin/chromium", "chromium");
        await using var smtp = await SmtpSink.StartAsync();
        await using var hooks = await WebhookReceiver.StartAsync();
        await using var server = await GovernanceServer.StartAsync(Now, "--Governance:Smtp:Host=127.0.0.1", $"--Governance:Smtp:Port={smtp.Port}",
            "--Governance:Smtp:Security=None");
        var (ws, client) = await server.NewWorkspaceAsync();
        await ReportActivity.SeedAsync(client, ws);
        await client.PostJsonAsync($"/api/v1/workspaces/{ws}/alert_channels", new JsonObject
        {
            ["name"] = "BI", ["kind"] = "webhook", ["url"] = new Uri(hooks.Address, "/hook").AbsoluteUri, ["secret"] = "0123456789abcdef-webhook-secret",
        });
        await client.PostJsonAsync($"/api/v1/workspaces/{ws}/alert_channels",
            new JsonObject { ["name"] = "#leads", ["kind"] = "slack", ["url"] = new Uri(hooks.Address, "/slack").AbsoluteUri });
        await client.PostJsonAsync($"/api/v1/workspaces/{ws}/alert_channels",
            new JsonObject { ["name"] = "Leads", ["kind"] = "email", ["recipients"] = new JsonArray("cto@example.com", "vp@example.com") });
        (await client.PutAsJsonAsync($"/api/v1/workspaces/{ws}/governance", new JsonObject { ["report_schedule"] = "weekly" }, Ct)).EnsureSuccessStatusCode();
        var cycle = server.Services.GetRequiredService<GovernanceCycle>();

        Assert.True(await cycle.RunOnceAsync(Ct));
        Assert.True(await cycle.RunOnceAsync(Ct));

        var webhook = JsonNode.Parse(Assert.Single(hooks.At("/hook")).Body)!;
        Assert.Equal((NotificationKinds.LeadershipReport, "2026-03-02T00:00:00+00:00", 46.75m, 4),
            ((string)webhook["type"]!, (string)webhook["report"]!["from"]!, (decimal)webhook["report"]!["current"]!["credits"]!,
                (int)webhook["report"]!["current"]!["active_users"]!));
        var slack = (string)JsonNode.Parse(Assert.Single(hooks.At("/slack")).Body)!["text"]!;
        Assert.Contains("Credits: 46.75", slack, StringComparison.Ordinal);
        var mail = Assert.Single(smtp.Messages());
        Assert.Contains("weekly report, 2026-03-02 to 2026-03-08", mail.Subject, StringComparison.Ordinal);
        Assert.Equal(["cto@example.com", "vp@example.com"], mail.To.Mailboxes.Select(m => m.Address));
        Assert.Contains("46.75", mail.HtmlBody, StringComparison.Ordinal);
        var pdf = Assert.Single(mail.Attachments.OfType<MimePart>());
        Assert.Equal("application/pdf", pdf.ContentType.MimeType);
        using var content = new MemoryStream();
        await pdf.Content!.DecodeToAsync(content, Ct);
        Assert.Equal("%PDF"u8.ToArray(), content.ToArray()[..4]);

        // The next week's report goes out once the week has ended.
        server.Clock.Advance(TimeSpan.FromDays(7));
        Assert.True(await cycle.RunOnceAsync(Ct));
        Assert.Equal(["2026-03-02T00:00:00+00:00", "2026-03-09T00:00:00+00:00"],
            hooks.At("/hook").Select(r => (string)JsonNode.Parse(r.Body)!["report"]!["from"]!));
        Assert.Equal(2, smtp.Messages().Count);
    }
}
