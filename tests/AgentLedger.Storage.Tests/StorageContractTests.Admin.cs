using AgentLedger.Core.Identity;
using AgentLedger.Core.Keys;

namespace AgentLedger.Storage.Tests;

public abstract partial class StorageContractTests
{
    [Fact]
    public async Task EnsureWorkspaceAsync_Twice_KeepsTheFirstAndListsInIdOrder()
    {
        await using var storage = await StorageWithWorkspacesAsync();
        var first = await storage.Workspaces.EnsureWorkspaceAsync("ws-b", "Bravo", Ct);
        Time.Advance(TimeSpan.FromHours(1));

        var again = await storage.Workspaces.EnsureWorkspaceAsync("ws-b", "Renamed", Ct);
        await storage.Workspaces.EnsureWorkspaceAsync("ws-a", "Alpha", Ct);
        await storage.Workspaces.EnsureWorkspaceAsync("ws-B2", "Upper", Ct);

        Assert.Equal(first, again);
        Assert.Equal(new Workspace("ws-b", "Bravo", Time.GetUtcNow().AddHours(-1)), first);
        Assert.Equal(["ws-B2", "ws-a", "ws-b"], (await storage.Workspaces.ListWorkspacesAsync(Ct)).Select(w => w.Id));
        Assert.Null(await storage.Workspaces.FindWorkspaceAsync("ws-none", Ct));
    }

    [Fact]
    public async Task ApiKeys_CreateFindListRevoke_RoundTripAndRevokeOnlyOnceAndOnlyInItsWorkspace()
    {
        await using var storage = await StorageWithWorkspacesAsync("ws-a", "ws-b");
        var secret = ApiKeySecret.Generate();
        var key = new ApiKeyInfo(secret.KeyId, "ws-a", "ci ingest", ApiKeyScope.Ingest | ApiKeyScope.AnalyticsRead, secret.Hash(), Time.GetUtcNow(), null);
        var other = key with { KeyId = ApiKeySecret.Generate().KeyId, Name = "later", CreatedAt = Time.GetUtcNow().AddMinutes(1) };
        await storage.Workspaces.CreateApiKeyAsync(other, Ct);
        await storage.Workspaces.CreateApiKeyAsync(key, Ct);

        var found = await storage.Workspaces.FindApiKeyAsync(secret.KeyId, Ct);
        Assert.NotNull(found);
        Assert.Equal((key.KeyId, key.WorkspaceId, key.Name, key.Scopes, key.CreatedAt, key.RevokedAt),
            (found.KeyId, found.WorkspaceId, found.Name, found.Scopes, found.CreatedAt, found.RevokedAt));
        Assert.True(secret.Matches(found.SecretHash));
        Assert.Equal([key.KeyId, other.KeyId], (await storage.Workspaces.ListApiKeysAsync("ws-a", Ct)).Select(k => k.KeyId));
        Assert.Empty(await storage.Workspaces.ListApiKeysAsync("ws-b", Ct));

        Assert.False(await storage.Workspaces.RevokeApiKeyAsync("ws-b", key.KeyId, Time.GetUtcNow(), Ct));
        Assert.True(await storage.Workspaces.RevokeApiKeyAsync("ws-a", key.KeyId, Time.GetUtcNow().AddMinutes(5), Ct));
        Assert.False(await storage.Workspaces.RevokeApiKeyAsync("ws-a", key.KeyId, Time.GetUtcNow().AddMinutes(9), Ct));
        Assert.Equal(Time.GetUtcNow().AddMinutes(5), (await storage.Workspaces.FindApiKeyAsync(key.KeyId, Ct))!.RevokedAt);
        Assert.Null(await storage.Workspaces.FindApiKeyAsync("0000000000000000", Ct));
    }

    [Fact]
    public async Task UpsertUsersAsync_SameEmailAgain_UpdatesTheSameUserAndKeepsTheNameWhenNoneIsGiven()
    {
        await using var storage = await StorageWithWorkspacesAsync("ws-a");
        var created = await storage.Directory.UpsertUsersAsync("ws-a",
            [new DirectoryUserUpdate("Ada@Example.com", "Ada", "platform"), new DirectoryUserUpdate("grace@example.com", null, null)], Ct);

        var updated = await storage.Directory.UpsertUsersAsync("ws-a", [new DirectoryUserUpdate(" ada@example.com", null, "security")], Ct);

        Assert.Equal(new DirectoryUser(created[0].UserId, "ws-a", "ada@example.com", "Ada", "security", Time.GetUtcNow()), updated[0]);
        Assert.Equal(updated[0], await storage.Directory.FindUserAsync("ws-a", created[0].UserId, Ct));
        Assert.NotEqual(created[0].UserId, created[1].UserId);
        Assert.Null(await storage.Directory.FindUserAsync("ws-b", created[0].UserId, Ct));
    }

    [Fact]
    public async Task UpsertUsersAsync_BlankEmail_IsRejected()
    {
        await using var storage = await StorageWithWorkspacesAsync("ws-a");

        await Assert.ThrowsAsync<ArgumentException>(() => storage.Directory.UpsertUsersAsync("ws-a", [new DirectoryUserUpdate(" ", "Nobody", null)], Ct));

        Assert.Empty(await storage.Directory.ListUsersAsync("ws-a", null, 10, Ct));
    }

    [Fact]
    public async Task ListUsersAsync_KeysetPages_CoverEveryUserOnceInIdOrder()
    {
        await using var storage = await StorageWithWorkspacesAsync("ws-a", "ws-b");
        var created = await storage.Directory.UpsertUsersAsync("ws-a",
            Enumerable.Range(0, 11).Select(i => new DirectoryUserUpdate($"user{i}@example.com", null, i % 2 == 0 ? "even" : "odd")).ToList(), Ct);
        await storage.Directory.UpsertUsersAsync("ws-b", [new DirectoryUserUpdate("user0@example.com", null, null)], Ct);

        var seen = new List<DirectoryUser>();
        string? after = null;
        while (await storage.Directory.ListUsersAsync("ws-a", after, 4, Ct) is { Count: > 0 } page)
        {
            seen.AddRange(page);
            after = page[^1].UserId;
        }

        Assert.Equal(created.Select(u => u.UserId).Order(StringComparer.Ordinal), seen.Select(u => u.UserId));
    }

    [Fact]
    public async Task RecordApiKeyUseAsync_WithinTheInterval_WritesOnceAndARevokedKeyKeepsItsLastUse()
    {
        await using var storage = await StorageWithWorkspacesAsync("ws-a");
        var secret = ApiKeySecret.Generate();
        await storage.Workspaces.CreateApiKeyAsync(
            new ApiKeyInfo(secret.KeyId, "ws-a", "ci", ApiKeyScope.Ingest, secret.Hash(), Time.GetUtcNow(), null), Ct);
        Assert.Null((await storage.Workspaces.FindApiKeyAsync(secret.KeyId, Ct))!.LastUsedAt);
        var first = Time.GetUtcNow().AddSeconds(5);

        Assert.True(await storage.Workspaces.RecordApiKeyUseAsync(secret.KeyId, first, TimeSpan.FromMinutes(1), Ct));
        Assert.False(await storage.Workspaces.RecordApiKeyUseAsync(secret.KeyId, first.AddSeconds(59), TimeSpan.FromMinutes(1), Ct));
        Assert.Equal(first, (await storage.Workspaces.FindApiKeyAsync(secret.KeyId, Ct))!.LastUsedAt);

        var later = first.AddMinutes(1);
        Assert.True(await storage.Workspaces.RecordApiKeyUseAsync(secret.KeyId, later, TimeSpan.FromMinutes(1), Ct));
        Assert.True(await storage.Workspaces.RevokeApiKeyAsync("ws-a", secret.KeyId, later.AddMinutes(3), Ct));
        var revoked = Assert.Single(await storage.Workspaces.ListApiKeysAsync("ws-a", Ct));
        Assert.Equal((later, later.AddMinutes(3)), (revoked.LastUsedAt, revoked.RevokedAt));
        Assert.False(await storage.Workspaces.RecordApiKeyUseAsync("0000000000000000", later, TimeSpan.FromMinutes(1), Ct));
    }

    [Fact]
    public async Task CreateWorkspaceAsync_TakenId_IsRefusedAndEachListsOnlyUnderItsCreator()
    {
        await using var storage = await StorageWithWorkspacesAsync("ws-a", "ws-b");

        Assert.True(await storage.Workspaces.CreateWorkspaceAsync("team-z", "Team Z", "ws-a", Ct));
        Assert.True(await storage.Workspaces.CreateWorkspaceAsync("team-c", "Team C", "ws-a", Ct));
        Assert.False(await storage.Workspaces.CreateWorkspaceAsync("team-c", "Other", "ws-b", Ct));
        Assert.False(await storage.Workspaces.CreateWorkspaceAsync("ws-b", "Taken", "ws-a", Ct));

        Assert.Equal(["team-c", "team-z"], (await storage.Workspaces.ListWorkspacesCreatedByAsync("ws-a", Ct)).Select(w => w.Id));
        Assert.Empty(await storage.Workspaces.ListWorkspacesCreatedByAsync("ws-b", Ct));
        Assert.Equal(new Workspace("team-c", "Team C", Time.GetUtcNow()), await storage.Workspaces.FindWorkspaceAsync("team-c", Ct));
    }
}
