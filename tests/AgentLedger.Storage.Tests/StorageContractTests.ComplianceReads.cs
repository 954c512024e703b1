using AgentLedger.Core.Compliance;
using AgentLedger.Core.Identity;
using AgentLedger.Core.Records;

namespace AgentLedger.Storage.Tests;

public abstract partial class StorageContractTests
{
    public static TheoryData<string> Filters => new(FilterCases().Keys);

    private static Dictionary<string, RecordFilter> FilterCases() => new()
    {
        ["none"] = RecordFilter.None,
        ["time window"] = new() { StartTime = Start.AddHours(3), EndTime = Start.AddHours(11) },
        ["user ids"] = new() { UserIds = ["placeholder-user"] },
        ["user emails"] = new() { UserEmails = ["ada@example.com", "grace@example.com"] },
        ["team"] = new() { Teams = ["platform"] },
        ["agents"] = new() { Agents = [Agent.ClaudeCode, Agent.GeminiCli] },
        ["surface"] = new() { Surfaces = [Surface.Ide] },
        ["client ids"] = new() { ClientIds = [ClientId.CodexWeb] },
        ["models"] = new() { Models = ["gpt-5-codex"] },
        ["kinds"] = new() { Kinds = [RecordKind.UserPrompt, RecordKind.ToolResult] },
        ["sessions"] = new() { SessionIds = ["sess-76-3", "sess-76-7"] },
        ["text, ASCII case folded"] = new() { Text = "REFACTOR MODULE 1" },
        ["text, non-ASCII exact"] = new() { Text = "naïve ünïcode" },
        ["text, ASCII folded around non-ASCII"] = new() { Text = "NAïVE ünïCODE" },
        ["text in tool input"] = new() { Text = "\"LS\"" },
        ["combined"] = new() { Kinds = [RecordKind.UserPrompt], Agents = [Agent.Codex], StartTime = Start.AddHours(2), Text = "module" },
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task ComplianceReadAsync_Filter_ReturnsExactlyTheMatchingRecordsInSeqOrder(string filterName)
    {
        await using var storage = await StorageWithWorkspacesAsync("ws-a", "ws-b");
        await storage.Directory.UpsertUsersAsync("ws-a",
            [new DirectoryUserUpdate("ada@example.com", "Ada", "platform"), new DirectoryUserUpdate("ken@example.com", "Ken", "platform")], Ct);
        await storage.Writer.AppendAsync(SampleActivity.Generate("ws-a", 400, seed: 76, Start), Ct);
        await storage.Writer.AppendAsync(SampleActivity.Generate("ws-b", 50, seed: 76, Start), Ct);
        var all = await ReadAllAsync(storage, "ws-a");
        var filter = FilterCases()[filterName];
        if (filter.UserIds.Count > 0)
        {
            filter = filter with { UserIds = all.Select(r => r.UserId).OfType<string>().Distinct().Order().Take(2).ToList() };
        }

        var emails = new Dictionary<string, string?>();
        foreach (var userId in all.Select(r => r.UserId).OfType<string>().Distinct())
        {
            emails[userId] = (await storage.Directory.FindUserAsync("ws-a", userId, Ct))?.Email;
        }

        var expected = all.Where(r => filter.Matches(r, id => emails[id])).ToList();
        var read = new List<ActivityRecord>();
        // pages of 9 inside seq windows of 50, the way the feed reads a selective filter
        for (long after = 0; after < all.Count;)
        {
            var upto = Math.Min(after + 50, all.Count);
            var page = await storage.ComplianceReader.ReadAsync("ws-a", filter, after, upto, 9, Ct);
            read.AddRange(page);
            after = page.Count == 9 ? page[^1].Seq : upto;
        }

        Assert.NotEmpty(expected);
        Assert.True(filter.IsEmpty || expected.Count < all.Count, "the case must exclude something");
        Assert.Equal(expected.Select(r => r.Seq), read.Select(r => r.Seq));
        Assert.Equal(expected.Select(Comparable), read.Select(Comparable));
    }

    [Fact]
    public async Task ComplianceReadAsync_TextWithANonAsciiLetterInAnotherCase_MatchesNothing()
    {
        await using var storage = await StorageWithWorkspacesAsync("ws-a");
        await storage.Writer.AppendAsync(SampleActivity.Generate("ws-a", 100, seed: 78, Start), Ct);

        var folded = await storage.ComplianceReader.ReadAsync("ws-a", new RecordFilter { Text = "NAïVE" }, 0, 100, 100, Ct);
        var otherCase = await storage.ComplianceReader.ReadAsync("ws-a", new RecordFilter { Text = "NAÏVE" }, 0, 100, 100, Ct);

        Assert.NotEmpty(folded);
        Assert.Empty(otherCase);
    }

    [Fact]
    public async Task ComplianceReadSessionAsync_OneSession_ItsRecordsInSeqOrderPaged()
    {
        await using var storage = await StorageWithWorkspacesAsync("ws-a", "ws-b");
        await storage.Writer.AppendAsync(SampleActivity.Generate("ws-a", 300, seed: 77, Start), Ct);
        await storage.Writer.AppendAsync(SampleActivity.Generate("ws-b", 300, seed: 77, Start), Ct);
        var expected = (await ReadAllAsync(storage, "ws-a")).Where(r => r.SessionId == "sess-77-5").ToList();

        var first = await storage.ComplianceReader.ReadSessionAsync("ws-a", "sess-77-5", 0, 10, Ct);
        var rest = await storage.ComplianceReader.ReadSessionAsync("ws-a", "sess-77-5", first[^1].Seq, 1000, Ct);

        Assert.True(expected.Count > 10);
        Assert.Equal(expected.Select(Comparable), first.Concat(rest).Select(Comparable));
        Assert.Empty(await storage.ComplianceReader.ReadSessionAsync("ws-a", "no-such-session", 0, 10, Ct));
    }

    private static (ActivityRecord Record, string? Attributes) Comparable(ActivityRecord record) =>
        (record with { Attributes = null }, record.Attributes?.ToJsonString());
}
