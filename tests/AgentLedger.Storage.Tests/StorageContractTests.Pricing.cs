using AgentLedger.Core.Integrations;
using AgentLedger.Core.Metrics;
using AgentLedger.Core.Records;

namespace AgentLedger.Storage.Tests;

public abstract partial class StorageContractTests
{
    private static readonly PriceBook CustomBook = new(40m,
    [
        new("gpt-5-codex", 1.234567m, 0.1m, 9.999999m, ReasoningPerMillion: 12.5m, Aliases: ["codex-prod"]),
        new("house-model", 0m, 0m, 0.000001m, Match: ModelMatch.Exact),
    ]);

    [Fact]
    public async Task PriceBooks_AddAndList_NumbersVersionsPerWorkspaceAndKeepsEveryField()
    {
        await using var storage = await StorageWithWorkspacesAsync("ws-a", "ws-b");
        var first = await storage.PriceBooks.AddAsync(new PriceBookVersion("ws-a", 99, Start.AddDays(1), CustomBook, Start, "ana@example.com", "list prices"), Ct);
        var second = await storage.PriceBooks.AddAsync(new PriceBookVersion("ws-a", 0, Start, PriceBook.Default, Start.AddMinutes(1), "api key k1", null), Ct);
        var other = await storage.PriceBooks.AddAsync(new PriceBookVersion("ws-b", 0, Start, CustomBook, Start, "bob", null), Ct);

        Assert.Equal((1, 2, 1), (first.Version, second.Version, other.Version));
        var listed = await storage.PriceBooks.ListAsync("ws-a", Ct);
        Assert.Equal([2, 1], listed.Select(v => v.Version));
        var back = listed[1];
        Assert.Equal((Start.AddDays(1), Start, "ana@example.com", "list prices"), (back.EffectiveFrom, back.CreatedAt, back.CreatedBy, back.Note));
        Assert.Equal(PriceBookJson.Serialize(CustomBook), PriceBookJson.Serialize(back.Book));
        Assert.Equal("gpt-5-codex", back.Book.Find("CODEX-PROD")!.Model);
        Assert.Null(back.Book.Find("house-model-2"));
        Assert.Equal(3, (await storage.PriceBooks.ListAllAsync(Ct)).Count);
        Assert.Empty(await storage.PriceBooks.ListAsync("ws-none", Ct));
    }

    [Fact]
    public async Task PriceBooks_ConcurrentAddsFromTwoInstances_GetDistinctConsecutiveVersions()
    {
        await using var storage = await StorageWithWorkspacesAsync("ws-a");
        await using var second = await storage.OpenInstanceAsync(Ct);

        var added = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Task.Run(() =>
            (i % 2 == 0 ? storage : second).PriceBooks.AddAsync(new PriceBookVersion("ws-a", 0, Start.AddHours(i), CustomBook, Start, $"admin {i}", null), Ct))));

        Assert.Equal(Enumerable.Range(1, 10), added.Select(v => v.Version).Order());
        Assert.Equal(Enumerable.Range(1, 10).Reverse(), (await second.PriceBooks.ListAsync("ws-a", Ct)).Select(v => v.Version));
    }

    [Fact]
    public async Task PriceBooks_UnknownWorkspace_IsRefused()
    {
        await using var storage = await StorageWithWorkspacesAsync("ws-a");

        await Assert.ThrowsAnyAsync<Exception>(() =>
            storage.PriceBooks.AddAsync(new PriceBookVersion("ws-missing", 0, Start, CustomBook, Start, "x", null), Ct));
        Assert.Empty(await storage.PriceBooks.ListAllAsync(Ct));
    }

    [Fact]
    public async Task KeyRing_StoresOncePerNameAndIsSharedByInstances()
    {
        await using var storage = await StorageWithWorkspacesAsync();
        await using var second = await storage.OpenInstanceAsync(Ct);

        await storage.KeyRing.StoreAsync("key-1", "<key id=\"1\"/>", Start, Ct);
        await second.KeyRing.StoreAsync("key-2", "<key id=\"2\"/>", Start.AddDays(1), Ct);
        await second.KeyRing.StoreAsync("key-1", "<key id=\"overwritten\"/>", Start.AddDays(2), Ct);

        Assert.Equal(["<key id=\"1\"/>", "<key id=\"2\"/>"], await second.KeyRing.ListAsync(Ct));
        Assert.Equal(["<key id=\"1\"/>", "<key id=\"2\"/>"], await storage.KeyRing.ListAsync(Ct));
    }

    [Fact]
    public async Task GitHub_ListAll_ReturnsEveryWorkspaceAsStored()
    {
        await using var storage = await StorageWithWorkspacesAsync("ws-a", "ws-b");
        await storage.GitHub.SaveAsync(new GitHubIntegration("ws-b", "secret-b-0123456789", ["Bot"], ClientId.CodexGitHub), Start, Ct);
        await storage.GitHub.SaveAsync(new GitHubIntegration("ws-a", "secret-a-0123456789", ["x", "Y"], ClientId.CodexGitHub), Start, Ct);

        var all = await storage.GitHub.ListAllAsync(Ct);

        Assert.Equal([("ws-a", "secret-a-0123456789"), ("ws-b", "secret-b-0123456789")], all.Select(i => (i.WorkspaceId, i.WebhookSecret)));
        Assert.Equal(["x", "y"], all[0].ReviewerLogins);
    }
}
