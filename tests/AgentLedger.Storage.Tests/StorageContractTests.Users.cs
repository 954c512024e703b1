using AgentLedger.Core.Identity;
using AgentLedger.Core.Records;

namespace AgentLedger.Storage.Tests;

public abstract partial class StorageContractTests
{
    [Fact]
    public async Task AppendAsync_SamePersonByEmailAndByAccountId_ResolvesToOneUser()
    {
        await using var storage = await StorageWithWorkspacesAsync("ws-a");
        await storage.Writer.AppendAsync([new RecordBuilder("ws-a", Start).By(email: "Ada@Example.com", accountId: "acct-1").Build()], Ct);

        await storage.Writer.AppendAsync(
        [
            new RecordBuilder("ws-a", Start.AddMinutes(1)).By(accountId: "acct-1").Build(),
            new RecordBuilder("ws-a", Start.AddMinutes(2)).By(email: " ada@example.COM ").Build(),
            new RecordBuilder("ws-a", Start.AddMinutes(3)).By(accountId: "acct-1", login: "ada-gh").Build(),
            new RecordBuilder("ws-a", Start.AddMinutes(4)).By(login: "ADA-GH").Build(),
            new RecordBuilder("ws-a", Start.AddMinutes(5)).By(email: "grace@example.com").Build(),
        ], Ct);

        var users = (await ReadAllAsync(storage, "ws-a")).Select(r => r.UserId).ToList();
        Assert.All(users, u => Assert.NotNull(u));
        Assert.Single(users[..5].Distinct());
        Assert.NotEqual(users[0], users[5]);
        var ada = await storage.Directory.FindUserAsync("ws-a", users[0]!, Ct);
        Assert.Equal("ada@example.com", ada!.Email);
    }

    [Fact]
    public async Task FindUserByIdentifierAsync_FindsIngestedAndListedUsersByTheirKeysInTheirWorkspaceOnly()
    {
        await using var storage = await StorageWithWorkspacesAsync("ws-a", "ws-b");
        var listed = await storage.Directory.UpsertUsersAsync("ws-a", [new DirectoryUserUpdate("Ada@Example.com", "Ada", "platform")], Ct);
        await storage.Writer.AppendAsync(
            [new RecordBuilder("ws-a", Start).By(email: " Grace@Example.COM ", accountId: "acct-7", login: "Grace-GH").Build()], Ct);

        var ada = await storage.Directory.FindUserByIdentifierAsync("ws-a", "email:ada@example.com", Ct);
        var grace = await storage.Directory.FindUserByIdentifierAsync("ws-a", "email:grace@example.com", Ct);

        Assert.Equal(listed[0], ada);
        Assert.NotNull(grace);
        Assert.Equal(("grace@example.com", (string?)null), (grace.Email, grace.Team));
        Assert.Equal(grace, await storage.Directory.FindUserByIdentifierAsync("ws-a", "account:acct-7", Ct));
        Assert.Equal(grace, await storage.Directory.FindUserByIdentifierAsync("ws-a", "login:grace-gh", Ct));
        Assert.Null(await storage.Directory.FindUserByIdentifierAsync("ws-a", "email:nobody@example.com", Ct));
        Assert.Null(await storage.Directory.FindUserByIdentifierAsync("ws-a", "account:grace@example.com", Ct));
        Assert.Null(await storage.Directory.FindUserByIdentifierAsync("ws-b", "email:ada@example.com", Ct));
    }

    [Fact]
    public async Task AppendAsync_PersonInDirectory_TakesUserAndTeamFromTheDirectory()
    {
        await using var storage = await StorageWithWorkspacesAsync("ws-a", "ws-b");
        var listed = await storage.Directory.UpsertUsersAsync("ws-a", [new DirectoryUserUpdate("ada@example.com", "Ada", "platform")], Ct);
        var record = new RecordBuilder("ws-a", Start).By(email: "ADA@example.com", accountId: "acct-1").Build();

        await storage.Writer.AppendAsync([record, new RecordBuilder("ws-b", Start).By(email: "ada@example.com").Build()], Ct);
        await storage.Writer.AppendAsync([new RecordBuilder("ws-a", Start.AddMinutes(1)).By(accountId: "acct-1").Build()], Ct);

        var stored = await ReadAllAsync(storage, "ws-a");
        Assert.All(stored, r => Assert.Equal((listed[0].UserId, "platform"), (r.UserId, r.Team)));
        var other = Assert.Single(await ReadAllAsync(storage, "ws-b"));
        Assert.NotEqual(listed[0].UserId, other.UserId);
        Assert.Null(other.Team);
        var rows = await storage.Rollups.ReadHourlyAsync("ws-a", Start, Start.AddHours(1), Ct);
        Assert.Equal((listed[0].UserId, "platform", 2L), (rows.Single().Key.UserId, rows.Single().Key.Team, rows.Single().Measures.Records));
    }

    [Fact]
    public async Task AppendAsync_TeamChangedInDirectory_AppliesToLaterRecordsOnly()
    {
        await using var storage = await StorageWithWorkspacesAsync("ws-a");
        await storage.Directory.UpsertUsersAsync("ws-a", [new DirectoryUserUpdate("ada@example.com", "Ada", "platform")], Ct);
        await storage.Writer.AppendAsync([new RecordBuilder("ws-a", Start).By(email: "ada@example.com").Build()], Ct);

        await storage.Directory.UpsertUsersAsync("ws-a", [new DirectoryUserUpdate("ada@example.com", null, "security")], Ct);
        await storage.Writer.AppendAsync([new RecordBuilder("ws-a", Start.AddMinutes(1)).By(email: "ada@example.com").Build()], Ct);

        Assert.Equal(["platform", "security"], (await ReadAllAsync(storage, "ws-a")).Select(r => r.Team));
    }

    [Fact]
    public async Task AppendAsync_ActorsWithBlankEmails_AreDifferentPeopleAndDoNotCollide()
    {
        await using var storage = await StorageWithWorkspacesAsync("ws-a");

        var outcomes = await storage.Writer.AppendAsync(
        [
            new RecordBuilder("ws-a", Start).By(email: "  ", accountId: "acct-1").Build(),
            new RecordBuilder("ws-a", Start).By(email: "", accountId: "acct-2").Build(),
        ], Ct);

        Assert.All(outcomes, o => Assert.True(o.Stored));
        var stored = await ReadAllAsync(storage, "ws-a");
        Assert.NotEqual(stored[0].UserId, stored[1].UserId);
        Assert.Null((await storage.Directory.FindUserAsync("ws-a", stored[0].UserId!, Ct))!.Email);
    }

    [Fact]
    public async Task AppendAsync_NoIdentifiers_StoresRecordWithoutUser()
    {
        await using var storage = await StorageWithWorkspacesAsync("ws-a");

        await storage.Writer.AppendAsync([new RecordBuilder("ws-a", Start).By(name: "only a display name").Build()], Ct);

        var stored = Assert.Single(await ReadAllAsync(storage, "ws-a"));
        Assert.Null(stored.UserId);
        Assert.Empty(await storage.Directory.ListUsersAsync("ws-a", null, 10, Ct));
        Assert.Equal("", Assert.Single(await storage.Rollups.ReadHourlyAsync("ws-a", Start, Start.AddHours(1), Ct)).Key.UserId);
    }
}
