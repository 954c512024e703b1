using AgentLedger.Core.Records;

namespace AgentLedger.Storage.Tests;

public abstract partial class StorageContractTests
{
    [Fact]
    public async Task MigrateAsync_OnACurrentSchema_AppliesNothingAndKeepsTheData()
    {
        await using var storage = await StorageWithWorkspacesAsync("ws-a");
        await storage.Writer.AppendAsync([new RecordBuilder("ws-a", Start).Kind(RecordKind.UserPrompt).Build()], Ct);
        Assert.Empty(await storage.PendingMigrationsAsync(Ct));

        var applied = await storage.MigrateAsync(Ct);
        var appliedAgain = await storage.MigrateAsync(Ct);

        Assert.Equal((0, 0), (applied, appliedAgain));
        Assert.Empty(await storage.PendingMigrationsAsync(Ct));
        Assert.Equal((1L, 1L), await storage.Reader.CountAsync("ws-a", Ct));
        Assert.Equal([new(true, 2)], await storage.Writer.AppendAsync([new RecordBuilder("ws-a", Start).Build()], Ct));
    }

    [Fact]
    public async Task TryAcquireAsync_LeaseHeldByAnotherInstance_IsRefusedUntilReleased()
    {
        await using var storage = await StorageWithWorkspacesAsync();
        await using var other = await storage.OpenInstanceAsync(Ct);

        var held = await storage.Leases.TryAcquireAsync("retention", Ct);
        Assert.NotNull(held);
        Assert.Null(await other.Leases.TryAcquireAsync("retention", Ct));
        Assert.Null(await storage.Leases.TryAcquireAsync("retention", Ct));
        var unrelated = await other.Leases.TryAcquireAsync("siem.forward", Ct);
        Assert.NotNull(unrelated);

        await held.DisposeAsync();
        var taken = await other.Leases.TryAcquireAsync("retention", Ct);
        Assert.NotNull(taken);
        Assert.Null(await storage.Leases.TryAcquireAsync("retention", Ct));
        await taken.DisposeAsync();
        await unrelated.DisposeAsync();
    }

    [Fact]
    public async Task TryAcquireAsync_InvalidJobName_Throws()
    {
        await using var storage = await StorageWithWorkspacesAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => storage.Leases.TryAcquireAsync("../escape", Ct));
    }
}
