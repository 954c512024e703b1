using System.Text;
using System.Text.Json.Nodes;
using AgentLedger.Core.Delivery;
using AgentLedger.Core.Governance;
using AgentLedger.Server.Features.Governance.Alerts;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLedger.Server.Tests.Governance;

/// <summary>
/// Budgets end to end on a fake clock: spend arrives through the ingest API, the governance round (run by the test)
/// raises alerts, which go to a signed webhook and a Slack-compatible webhook (loopback receivers) and by e-mail
/// through a real SMTP server (aiosmtpd) on loopback; the gate blocks at 100% until the period resets.
/// </summary>
public sealed class BudgetAlertTests
{
    private const string Secret = "0123456789abcdef-webhook-secret";
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Thresholds_CrossedInTurn_ExactlyOneAlertPerThresholdPerPeriodOnEveryChannel_AndANewPeriodRearms()
    {
        await using var smtp = await SmtpSink.StartAsync();
        await using var hooks = await WebhookReceiver.StartAsync();
        await using var server = await GovernanceServer.StartAsync(Now, "--Governance:Smtp:Host=127.0.0.1", $"--Governance:Smtp:Port={smtp.Port}",
            "--Governance:Smtp:Security=None", "--Governance:Smtp:From=AgentLedger <alerts@agentledger.test>");
        var (ws, client) = await server.NewWorkspaceAsync();
        await client.PostJsonAsync($"/api/v1/workspaces/{ws}/alert_channels",
            new JsonObject { ["name"] = "SOC", ["kind"] = "webhook", ["url"] = new Uri(hooks.Address, "/hook").AbsoluteUri, ["secret"] = Secret });
        await client.PostJsonAsync($"/api/v1/workspaces/{ws}/alert_channels",
            new JsonObject { ["name"] = "#ai-spend", ["kind"] = "slack", ["url"] = new Uri(hooks.Address, "/slack").AbsoluteUri });
        await client.PostJsonAsync($"/api/v1/workspaces/{ws}/alert_channels",
            new JsonObject { ["name"] = "FinOps", ["kind"] = "email", ["recipients"] = new JsonArray("finops@example.com") });
        var budget = await client.PostJsonAsync($"/api/v1/workspaces/{ws}/budgets", new JsonObject
        {
            ["name"] = "Workspace monthly", ["scope"] = "workspace", ["period"] = "month", ["unit"] = "credits", ["amount"] = 100,
            ["thresholds"] = new JsonArray(50, 80, 100), ["mode"] = "block",
        });
        var cycle = server.Services.GetRequiredService<GovernanceCycle>();
        var gate = server.Services.GetRequiredService<IBudgetGate>();

        async Task SpendAndRunAsync(decimal credits)
        {
            server.Clock.Advance(TimeSpan.FromMinutes(1));
            await client.SpendAsync("ana@example.com", credits, server.Clock.GetUtcNow().AddSeconds(-30));
            Assert.True(await cycle.RunOnceAsync(Ct));
        }

        await SpendAndRunAsync(40);
        AssertAlerts(hooks, smtp, []);
        await SpendAndRunAsync(15);
        AssertAlerts(hooks, smtp, [50]);
        Assert.True(await cycle.RunOnceAsync(Ct));
        AssertAlerts(hooks, smtp, [50]);
        await SpendAndRunAsync(30);
        AssertAlerts(hooks, smtp, [50, 80]);
        Assert.True((await gate.CheckAsync(ws, null, null, server.Clock.GetUtcNow(), Ct)).Allowed);

        await SpendAndRunAsync(20);
        AssertAlerts(hooks, smtp, [50, 80, 100]);
        var blocked = await gate.CheckAsync(ws, null, null, server.Clock.GetUtcNow(), Ct);
        Assert.Equal((false, (string)budget["id"]!, "Workspace monthly", new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero), 105m),
            (blocked.Allowed, blocked.BudgetId, blocked.BudgetName, blocked.ResetsAt, blocked.Spend));
        var overHttp = await client.GetJsonAsync($"/api/v1/workspaces/{ws}/budget_decision?user_id=anyone&team=any");
        Assert.Equal((false, "Workspace monthly", "2026-04-01T00:00:00+00:00"),
            ((bool)overHttp["allowed"]!, (string)overHttp["budget_name"]!, (string)overHttp["resets_at"]!));
        Assert.True(await cycle.RunOnceAsync(Ct));
        AssertAlerts(hooks, smtp, [50, 80, 100]);

        // A new month: the budget resets, requests go through again, and the thresholds are armed again.
        server.Clock.SetUtcNow(new DateTimeOffset(2026, 4, 1, 0, 20, 0, TimeSpan.Zero));
        Assert.True((await gate.CheckAsync(ws, null, null, server.Clock.GetUtcNow(), Ct)).Allowed);
        Assert.True(await cycle.RunOnceAsync(Ct));
        AssertAlerts(hooks, smtp, [50, 80, 100]);
        await SpendAndRunAsync(60);
        AssertAlerts(hooks, smtp, [50, 80, 100, 50]);
        var april = JsonNode.Parse(hooks.At("/hook")[^1].Body)!;
        Assert.Equal(("2026-04-01T00:00:00+00:00", 60m), ((string)april["period_start"]!, (decimal)april["spend"]!));

        // Every alert and every delivery is on the audit record.
        var audit = (await client.GetJsonAsync("/api/v1/compliance/audit-events?limit=1000"))["data"]!.AsArray();
        Assert.Equal(4, audit.Count(e => (string)e!["action"]! == GovernanceAuditActions.AlertRaised));
        Assert.Equal(12, audit.Count(e => (string)e!["action"]! == GovernanceAuditActions.AlertDelivered));
        var alerts = (await client.GetJsonAsync($"/api/v1/workspaces/{ws}/alerts"))["data"]!.AsArray();
        Assert.Equal(4, alerts.Count);
        Assert.All(alerts, a => Assert.All(a!["deliveries"]!.AsArray(), d => Assert.Equal("delivered", (string)d!["status"]!)));
    }

    [Fact]
    public async Task Delivery_ReceiverDown_RetriedWithBackoffUntilItAnswers_StillOnce()
    {
        await using var hooks = await WebhookReceiver.StartAsync();
        await using var server = await GovernanceServer.StartAsync(Now);
        var (ws, client) = await server.NewWorkspaceAsync();
        await client.PostJsonAsync($"/api/v1/workspaces/{ws}/alert_channels",
            new JsonObject { ["name"] = "SOC", ["kind"] = "webhook", ["url"] = new Uri(hooks.Address, "/hook").AbsoluteUri, ["secret"] = Secret });
        await client.PostJsonAsync($"/api/v1/workspaces/{ws}/budgets", new JsonObject
        {
            ["name"] = "Team daily", ["scope"] = "team", ["team"] = "platform", ["period"] = "day", ["amount"] = 10, ["thresholds"] = new JsonArray(100),
        });
        await client.PutAsync($"/api/v1/workspaces/{ws}/directory/users", new StringContent(
            """[{"email":"bo@example.com","team":"platform"}]""", Encoding.UTF8, "application/json"), Ct);
        await client.SpendAsync("bo@example.com", 12, Now.AddMinutes(-5));
        await client.SpendAsync("other@example.com", 500, Now.AddMinutes(-5));
        var cycle = server.Services.GetRequiredService<GovernanceCycle>();

        hooks.Status = 503;
        Assert.True(await cycle.RunOnceAsync(Ct));
        Assert.True(await cycle.RunOnceAsync(Ct));
        Assert.Single(hooks.At("/hook"));
        var pending = (await client.GetJsonAsync($"/api/v1/workspaces/{ws}/alerts"))["data"]![0]!["deliveries"]![0]!;
        Assert.Equal(("pending", 1, "The receiver answered HTTP 503."), ((string)pending["status"]!, (int)pending["attempts"]!, (string)pending["last_error"]!));

        hooks.Status = 200;
        server.Clock.Advance(NotificationDispatcher.Backoff(1));
        Assert.True(await cycle.RunOnceAsync(Ct));
        Assert.True(await cycle.RunOnceAsync(Ct));
        var received = hooks.At("/hook");
        Assert.Equal(2, received.Count);
        Assert.Equal(received[0].Headers[WebhookAlertSender.DeliveryHeader].ToString(), received[1].Headers[WebhookAlertSender.DeliveryHeader].ToString());
        var alert = JsonNode.Parse(received[1].Body)!;
        Assert.Equal(("platform", 12m, 100), ((string)alert["budget"]!["scope_value"]!, (decimal)alert["spend"]!, (int)alert["threshold_percent"]!));
    }

    [Fact]
    public async Task CreateBudget_BadFields_ProblemNamingEachAndNothingStored()
    {
        await using var server = await GovernanceServer.StartAsync(Now);
        var (ws, client) = await server.NewWorkspaceAsync();
        using var response = await client.PostAsync($"/api/v1/workspaces/{ws}/budgets", new StringContent(
            """{"name":"","scope":"planet","period":"fortnight","amount":-3,"thresholds":[50,50],"mode":"panic","time_zone":"Asia/Kolkata"}""",
            Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(400, (int)response.StatusCode);
        var errors = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!["errors"]!.AsObject();
        Assert.Equal(["amount", "mode", "name", "period", "scope", "thresholds", "time_zone"], errors.Select(e => e.Key).Order(StringComparer.Ordinal));
        using var userWithoutId = await client.PostAsync($"/api/v1/workspaces/{ws}/budgets", new StringContent(
            """{"name":"x","scope":"user","user_email":"nobody@example.com","amount":5}""", Encoding.UTF8, "application/json"), Ct);
        Assert.Contains("nobody@example.com", await userWithoutId.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Empty((await client.GetJsonAsync($"/api/v1/workspaces/{ws}/budgets")).AsArray());
        using var badChannel = await client.PostAsync($"/api/v1/workspaces/{ws}/alert_channels", new StringContent(
            """{"name":"x","kind":"webhook","url":"ftp://example.com","secret":"short"}""", Encoding.UTF8, "application/json"), Ct);
        var channelErrors = JsonNode.Parse(await badChannel.Content.ReadAsStringAsync(Ct))!["errors"]!.AsObject();
        Assert.Equal(["secret", "url"], channelErrors.Select(e => e.Key).Order(StringComparer.Ordinal));
    }

    /// <summary>Each channel got exactly the alerts of <paramref name="thresholds"/>, in order; the webhook's are signed.</summary>
    private static void AssertAlerts(WebhookReceiver hooks, SmtpSink smtp, int[] thresholds)
    {
        var webhook = hooks.At("/hook");
        Assert.Equal(thresholds, webhook.Select(r => (int)JsonNode.Parse(r.Body)!["threshold_percent"]!));
        foreach (var (_, headers, body) in webhook)
        {
            Assert.True(WebhookSignature.Verify(Encoding.UTF8.GetBytes(Secret), headers[WebhookSignature.TimestampHeader].ToString(),
                headers[WebhookSignature.SignatureHeader].ToString(), body, DateTimeOffset.FromUnixTimeSeconds(long.Parse(headers[WebhookSignature.TimestampHeader].ToString(),
                    System.Globalization.CultureInfo.InvariantCulture)), TimeSpan.FromMinutes(5)));
            Assert.Equal(NotificationKinds.BudgetThreshold, headers[WebhookAlertSender.EventHeader].ToString());
        }

        var slack = hooks.At("/slack").Select(r => JsonNode.Parse(r.Body)!).ToList();
        Assert.Equal(thresholds.Select(t => $"reached {t}%"), slack.Select(m => System.Text.RegularExpressions.Regex.Match((string)m["text"]!, "reached \\d+%").Value));
        Assert.All(slack, m => Assert.Equal("header", (string)m["blocks"]![0]!["type"]!));

        var mail = smtp.Messages();
        Assert.Equal(thresholds.Select(t => $"reached {t}%"), mail.Select(m => System.Text.RegularExpressions.Regex.Match(m.Subject ?? "", "reached \\d+%").Value));
        Assert.All(mail, m => Assert.Equal(("finops@example.com", "alerts@agentledger.test"),
            (m.To.Mailboxes.Single().Address, m.From.Mailboxes.Single().Address)));
    }
}
