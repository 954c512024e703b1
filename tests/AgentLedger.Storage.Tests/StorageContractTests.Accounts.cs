using AgentLedger.Core.Accounts;

namespace AgentLedger.Storage.Tests;

public abstract partial class StorageContractTests
{
    [Fact]
    public async Task DashboardAccounts_CreateFindRehash_RoundTripAndRejectTheSameEmailInAnyCase()
    {
        await using var storage = await StorageWithWorkspacesAsync("ws-a");
        var account = new DashboardAccount("acc_1", "Auditor@Example.com", "ws-a", DashboardRole.ComplianceAuditor, "hash-1", Time.GetUtcNow(), null);

        Assert.True(await storage.Accounts.CreateAsync(account, Ct));
        Assert.False(await storage.Accounts.CreateAsync(account with { AccountId = "acc_2", Email = "auditor@example.COM" }, Ct));
        Assert.Equal(account, await storage.Accounts.FindByEmailAsync(" auditor@EXAMPLE.com ", Ct));
        Assert.Null(await storage.Accounts.FindByEmailAsync("someone@example.com", Ct));

        await storage.Accounts.UpdatePasswordHashAsync("acc_1", "hash-2", Ct);
        Assert.Equal("hash-2", (await storage.Accounts.FindByEmailAsync("auditor@example.com", Ct))!.PasswordHash);
    }

    [Fact]
    public async Task DashboardAccounts_ListAndDisable_OnlyInTheirWorkspaceAndOnlyOnce()
    {
        await using var storage = await StorageWithWorkspacesAsync("ws-a", "ws-b");
        var viewer = new DashboardAccount("acc_v", "viewer@example.com", "ws-a", DashboardRole.AnalyticsViewer, "h", Time.GetUtcNow(), null);
        var admin = viewer with { AccountId = "acc_a", Email = "Admin@example.com", Role = DashboardRole.Admin };
        var other = viewer with { AccountId = "acc_o", Email = "other@example.com", WorkspaceId = "ws-b" };
        foreach (var account in new[] { viewer, admin, other })
        {
            Assert.True(await storage.Accounts.CreateAsync(account, Ct));
        }

        Assert.Equal([admin, viewer], await storage.Accounts.ListAsync("ws-a", Ct));
        Assert.False(await storage.Accounts.DisableAsync("ws-b", "acc_v", Time.GetUtcNow(), Ct));
        Assert.True(await storage.Accounts.DisableAsync("ws-a", "acc_v", Time.GetUtcNow().AddMinutes(2), Ct));
        Assert.False(await storage.Accounts.DisableAsync("ws-a", "acc_v", Time.GetUtcNow().AddMinutes(3), Ct));

        Assert.Equal(Time.GetUtcNow().AddMinutes(2), (await storage.Accounts.FindByEmailAsync("viewer@example.com", Ct))!.DisabledAt);
        Assert.Null((await storage.Accounts.FindByEmailAsync("other@example.com", Ct))!.DisabledAt);
    }
}
