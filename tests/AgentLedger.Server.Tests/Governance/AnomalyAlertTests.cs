using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AgentLedger.Core.Governance;
using AgentLedger.Server.Features.Governance.Alerts;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLedger.Server.Tests.Governance;

/// <summary>Usage anomalies from the rollups: a user far above their own trailing baseline raises one alert that day, pseudonymised when the workspace says so.</summary>
public sealed class AnomalyAlertTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 20, 15, 0, 0, TimeSpan.Zero);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DailyCredits_FarAboveOwnBaseline_OneAnomalyAlertPerUserAndDay_Pseudonymised()
    {
        await using var hooks = await WebhookReceiver.StartAsync();
        await using var server = await GovernanceServer.StartAsync(Now);
        var (ws, client) = await server.NewWorkspaceAsync();
        await client.PostJsonAsync($"/api/v1/workspaces/{ws}/alert_channels", new JsonObject
        {
            ["name"] = "SOC", ["kind"] = "webhook", ["url"] = new Uri(hooks.Address, "/hook").AbsoluteUri, ["secret"] = "0123456789abcdef-webhook-secret",
        });
        (await client.PutAsJsonAsync($"/api/v1/workspaces/{ws}/governance", new JsonObject { ["pseudonymise_users"] = true }, Ct)).EnsureSuccessStatusCode();
        for (var day = 1; day <= 14; day++)
        {
            await client.SpendAsync("steady@example.com", 5m, Now.AddDays(-day));
            await client.SpendAsync("busy@example.com", 30m, Now.AddDays(-day));
        }

        await client.SpendAsync("steady@example.com", 12m, Now.AddHours(-3));
        await client.SpendAsync("busy@example.com", 45m, Now.AddHours(-3));
        await client.SpendAsync("newcomer@example.com", 300m, Now.AddHours(-3));
        var cycle = server.Services.GetRequiredService<GovernanceCycle>();
        Assert.True(await cycle.RunOnceAsync(Ct));
        Assert.Empty(hooks.At("/hook"));

        await client.SpendAsync("steady@example.com", 30m, Now.AddHours(-2));
        Assert.True(await cycle.RunOnceAsync(Ct));
        await client.SpendAsync("steady@example.com", 30m, Now.AddHours(-1));
        Assert.True(await cycle.RunOnceAsync(Ct));

        var alert = JsonNode.Parse(Assert.Single(hooks.At("/hook")).Body)!;
        Assert.Equal((NotificationKinds.UsageAnomaly, "2026-03-20", 42m, 5m), ((string)alert["type"]!, (string)alert["day"]!, (decimal)alert["credits"]!,
            (decimal)alert["baseline_mean"]!));
        Assert.Matches("^u_[0-9a-f]{16}$", (string)alert["user_id"]!);
        Assert.DoesNotContain("@example.com", alert.ToJsonString(), StringComparison.Ordinal);

        // The next day is judged afresh.
        server.Clock.Advance(TimeSpan.FromDays(1));
        await client.SpendAsync("steady@example.com", 100m, server.Clock.GetUtcNow().AddHours(-1));
        Assert.True(await cycle.RunOnceAsync(Ct));
        Assert.Equal(["2026-03-20", "2026-03-21"], hooks.At("/hook").Select(r => (string)JsonNode.Parse(r.Body)!["day"]!));
    }
}
