using System.Text.Json.Nodes;
using AgentLedger.Core.Governance;
using AgentLedger.Core.Identity;
using AgentLedger.Core.Records;

namespace AgentLedger.Storage.Tests;

public abstract partial class StorageContractTests
{
    [Fact]
    public async Task Budgets_SaveFindListUpdateDelete_AsStoredAndPerWorkspace()
    {
        await using var storage = await StorageWithWorkspacesAsync("ws-a", "ws-b");
        var team = NewBudget("ws-a", "b-1", "Platform monthly", BudgetScopeKind.Team, "platform") with { Amount = 1234.567891m, Thresholds = [25, 50, 100, 120] };
        var user = NewBudget("ws-a", "b-2", "Ana daily", BudgetScopeKind.User, "user-1") with
        {
            Period = BudgetPeriod.Day, Unit = BudgetUnit.Usd, Mode = BudgetMode.Block, TimeZone = "Europe/Berlin",
        };
        await storage.Governance.SaveBudgetAsync(team, Ct);
        await storage.Governance.SaveBudgetAsync(user, Ct);
        await storage.Governance.SaveBudgetAsync(NewBudget("ws-b", "b-1", "Other workspace", BudgetScopeKind.Workspace, ""), Ct);

        AssertBudget(team, await storage.Governance.FindBudgetAsync("ws-a", "b-1", Ct));
        Assert.Equal(["b-2", "b-1"], (await storage.Governance.ListBudgetsAsync("ws-a", Ct)).Select(b => b.BudgetId));
        Assert.Equal(3, (await storage.Governance.ListAllBudgetsAsync(Ct)).Count);

        var changed = team with { Amount = 10m, Mode = BudgetMode.Block, UpdatedAt = team.UpdatedAt.AddHours(1) };
        await storage.Governance.SaveBudgetAsync(changed, Ct);
        AssertBudget(changed, await storage.Governance.FindBudgetAsync("ws-a", "b-1", Ct));

        Assert.True(await storage.Governance.DeleteBudgetAsync("ws-a", "b-1", Ct));
        Assert.False(await storage.Governance.DeleteBudgetAsync("ws-a", "b-1", Ct));
        Assert.Null(await storage.Governance.FindBudgetAsync("ws-a", "b-1", Ct));
        Assert.NotNull(await storage.Governance.FindBudgetAsync("ws-b", "b-1", Ct));
    }

    [Fact]
    public async Task ChannelsAndSettings_RoundTripPerWorkspace()
    {
        await using var storage = await StorageWithWorkspacesAsync("ws-a", "ws-b");
        var hook = new AlertChannel("ws-a", "c-1", "SOC", AlertChannelKind.Webhook, "https://hooks.example/a", "s3cret", Start);
        var mail = new AlertChannel("ws-a", "c-2", "Finance", AlertChannelKind.Email, "a@example.com, b@example.com", null, Start.AddMinutes(1));
        await storage.Governance.SaveChannelAsync(mail, Ct);
        await storage.Governance.SaveChannelAsync(hook, Ct);
        Assert.Equal([hook, mail], await storage.Governance.ListChannelsAsync("ws-a", Ct));
        Assert.Equal(["a@example.com", "b@example.com"], mail.Recipients);
        Assert.Empty(await storage.Governance.ListChannelsAsync("ws-b", Ct));
        Assert.True(await storage.Governance.DeleteChannelAsync("ws-a", "c-1", Ct));
        Assert.Equal([mail], await storage.Governance.ListChannelsAsync("ws-a", Ct));

        Assert.Null(await storage.Governance.FindSettingsAsync("ws-a", Ct));
        var key = Pseudonyms.NewKey();
        var settings = new GovernanceSettings("ws-a", true, 5, true, ReportSchedule.Weekly, "America/New_York", key, Start);
        await storage.Governance.SaveSettingsAsync(settings, Ct);
        var stored = await storage.Governance.FindSettingsAsync("ws-a", Ct);
        Assert.NotNull(stored);
        Assert.Equal(settings with { PseudonymKey = [] }, stored with { PseudonymKey = [] });
        Assert.Equal(key, stored.PseudonymKey);
        await storage.Governance.SaveSettingsAsync(settings with { MinGroupSize = 0, PseudonymiseUsers = false }, Ct);
        Assert.False((await storage.Governance.FindSettingsAsync("ws-a", Ct))!.PseudonymiseUsers);
        Assert.Null(await storage.Governance.FindSettingsAsync("ws-b", Ct));
        Assert.Equal(["ws-a"], (await storage.Governance.ListSettingsAsync(Ct)).Select(s => s.WorkspaceId));
    }

    [Fact]
    public async Task Notifications_SameDedupeKeyFromTwoInstances_StoredOnceWithOneDeliveryPerChannel()
    {
        await using var storage = await StorageWithWorkspacesAsync("ws-a");
        await using var second = await storage.OpenInstanceAsync(Ct);
        var attempts = Enumerable.Range(0, 8).Select(i =>
        {
            var store = i % 2 == 0 ? storage.Governance : second.Governance;
            return Task.Run(() => store.TryAddNotificationAsync(NewNotification("ws-a", "budget:b-1:1772323200:80", Start), ["c-1", "c-2"], Ct));
        }).ToList();
        var results = await Task.WhenAll(attempts);

        Assert.Single(results, r => r);
        var stored = Assert.Single(await storage.Governance.ListNotificationsAsync("ws-a", null, 10, Ct));
        Assert.Equal("budget:b-1:1772323200:80", stored.DedupeKey);
        Assert.Equal(80, (int)stored.Payload["threshold"]!);
        var due = await storage.Governance.ListDueDeliveriesAsync(Start, 10, Ct);
        Assert.Equal(["c-1", "c-2"], due.Select(d => d.ChannelId));
        Assert.All(due, d => Assert.Equal((DeliveryStatus.Pending, 0), (d.Status, d.Attempts)));
    }

    [Fact]
    public async Task Deliveries_RecordAttempts_DueOnlyWhenPendingAndTheirTimeHasCome()
    {
        await using var storage = await StorageWithWorkspacesAsync("ws-a");
        var first = NewNotification("ws-a", "k-1", Start);
        var later = NewNotification("ws-a", "k-2", Start.AddMinutes(5));
        Assert.True(await storage.Governance.TryAddNotificationAsync(first, ["c-1", "c-2"], Ct));
        Assert.True(await storage.Governance.TryAddNotificationAsync(later, ["c-1"], Ct));
        Assert.Equal(2, (await storage.Governance.ListDueDeliveriesAsync(Start, 10, Ct)).Count);

        await storage.Governance.RecordAttemptAsync("ws-a", first.NotificationId, "c-1", DeliveryStatus.Delivered, Start.AddSeconds(1), Start.AddSeconds(1), null, Ct);
        await storage.Governance.RecordAttemptAsync("ws-a", first.NotificationId, "c-2", DeliveryStatus.Pending, Start.AddSeconds(1), Start.AddMinutes(10), "HTTP 503", Ct);

        var due = await storage.Governance.ListDueDeliveriesAsync(Start.AddMinutes(6), 10, Ct);
        Assert.Equal([(later.NotificationId, "c-1")], due.Select(d => (d.Notification.NotificationId, d.ChannelId)));
        var deliveries = await storage.Governance.ListDeliveriesAsync("ws-a", first.NotificationId, Ct);
        Assert.Equal((DeliveryStatus.Delivered, 1, Start.AddSeconds(1)), (deliveries[0].Status, deliveries[0].Attempts, deliveries[0].DeliveredAt));
        Assert.Equal((DeliveryStatus.Pending, 1, "HTTP 503", Start.AddMinutes(10)),
            (deliveries[1].Status, deliveries[1].Attempts, deliveries[1].LastError, deliveries[1].NextAttemptAt));
        Assert.Equal([later.NotificationId, first.NotificationId], (await storage.Governance.ListNotificationsAsync("ws-a", null, 10, Ct)).Select(n => n.NotificationId));
        Assert.Equal([first.NotificationId], (await storage.Governance.ListNotificationsAsync("ws-a", later.NotificationId, 10, Ct)).Select(n => n.NotificationId));
    }

    [Fact]
    public async Task BudgetSpend_FromRollups_PerWorkspaceTeamAndUserWithinThePeriodOnly()
    {
        await using var storage = await StorageWithWorkspacesAsync("ws-a");
        await storage.Directory.UpsertUsersAsync("ws-a",
            [new DirectoryUserUpdate("ana@example.com", "Ana", "platform"), new DirectoryUserUpdate("bo@example.com", "Bo", "mobile")], Ct);
        var march = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
        await storage.Writer.AppendAsync(
        [
            Spend("ana@example.com", march.AddMinutes(-30), 100m, 1m), // February: not in March's budget
            Spend("ana@example.com", march.AddHours(5).AddMinutes(10), 10m, 0.5m),
            Spend("ana@example.com", march.AddDays(3).AddHours(23), 20m, 0.25m),
            Spend("bo@example.com", march.AddDays(9).AddHours(2), 7.5m, 2m),
            Spend("bo@example.com", march.AddDays(9).AddHours(13).AddMinutes(59), 1m, 1m), // the current hour counts
            Spend("bo@example.com", march.AddDays(9).AddHours(14).AddMinutes(1), 1000m, 1m), // after "now": not yet
        ], Ct);
        var ana = (await storage.Directory.ListUsersAsync("ws-a", null, 10, Ct)).Single(u => u.Email == "ana@example.com");
        var now = march.AddDays(9).AddHours(13).AddMinutes(30);
        var reader = new BudgetSpendReader(storage.Analytics);

        var workspace = await reader.StatusAsync(NewBudget("ws-a", "w", "All", BudgetScopeKind.Workspace, ""), now, Ct);
        var platform = await reader.StatusAsync(NewBudget("ws-a", "t", "Platform", BudgetScopeKind.Team, "platform"), now, Ct);
        var anaUsd = await reader.StatusAsync(NewBudget("ws-a", "u", "Ana", BudgetScopeKind.User, ana.UserId) with { Unit = BudgetUnit.Usd }, now, Ct);
        var today = await reader.StatusAsync(NewBudget("ws-a", "d", "Today", BudgetScopeKind.Workspace, "") with { Period = BudgetPeriod.Day }, now, Ct);

        Assert.Equal((38.5m, march.ToUnixTimeSeconds(), march.AddMonths(1).ToUnixTimeSeconds()), (workspace.Spend, workspace.Window.Start, workspace.Window.End));
        Assert.Equal(30m, platform.Spend);
        Assert.Equal(0.75m, anaUsd.Spend);
        Assert.Equal(8.5m, today.Spend);
        Assert.Equal(38.5m, workspace.Percent);
        // Linear forecast: 38.5 over 9 days 13.5 hours, continued to the 31st.
        var elapsed = (decimal)(now - march).TotalSeconds;
        Assert.Equal(decimal.Round(38.5m + 38.5m / elapsed * (decimal)(march.AddMonths(1) - now).TotalSeconds, 6), workspace.Forecast);
    }

    private static ActivityRecord Spend(string email, DateTimeOffset at, decimal credits, decimal costUsd) =>
        new RecordBuilder("ws-a", at).Kind(RecordKind.ModelResponse).By(email: email).Model("gpt-5").Money(costUsd, credits).Build();

    private static Budget NewBudget(string workspaceId, string id, string name, BudgetScopeKind scope, string value) =>
        new(workspaceId, id, name, scope, value, BudgetPeriod.Month, BudgetUnit.Credits, 100m, [50, 80, 100], BudgetMode.AlertOnly, "UTC", Start, Start);

    private static GovernanceNotification NewNotification(string workspaceId, string dedupeKey, DateTimeOffset at) =>
        new(workspaceId, RecordIds.NewId(at), dedupeKey, NotificationKinds.BudgetThreshold, "Budget at 80%",
            new JsonObject { ["type"] = NotificationKinds.BudgetThreshold, ["threshold"] = 80 }, at);

    private static void AssertBudget(Budget expected, Budget? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected with { Thresholds = [] }, actual with { Thresholds = [] });
        Assert.Equal(expected.Thresholds, actual.Thresholds);
    }
}
