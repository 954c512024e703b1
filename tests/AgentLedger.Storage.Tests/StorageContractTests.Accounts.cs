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
}
