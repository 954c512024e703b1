using AgentLedger.Core.Compliance;
using AgentLedger.Core.Records;

namespace AgentLedger.Storage.Tests;

public abstract partial class StorageContractTests
{
    [Fact]
    public async Task ListUserSessionsAsync_UserAndWindow_SummarisesExactlyTheirSessionsInTheWindow()
    {
        await using var storage = await StorageWithWorkspacesAsync("ws-a", "ws-b");
        await storage.Writer.AppendAsync(SampleActivity.Generate("ws-a", 600, seed: 79, Start), Ct);
        await storage.Writer.AppendAsync(SampleActivity.Generate("ws-b", 200, seed: 79, Start), Ct);
        var all = await ReadAllAsync(storage, "ws-a");
        var user = all.Where(r => r.UserId is not null && r.SessionId is not null).GroupBy(r => r.UserId!).OrderByDescending(g => g.Count()).First().Key;
        var (start, end) = (Start.AddHours(4), Start.AddHours(20));
        var expected = all
            .Where(r => r.UserId == user && r.SessionId is not null && r.OccurredAt >= start && r.OccurredAt < end)
            .GroupBy(r => r.SessionId!)
            .Select(g => new UserSession(
                g.Key, WireNames.ParseAgent(g.Select(r => WireNames.Of(r.Agent)).Min(StringComparer.Ordinal)!),
                WireNames.ParseClientId(g.Select(r => WireNames.Of(r.ClientId)).Min(StringComparer.Ordinal)!),
                g.Min(r => r.OccurredAt).ToUniversalTime(), g.Max(r => r.OccurredAt).ToUniversalTime(), g.Count(),
                g.Count(r => r.Kind == RecordKind.UserPrompt), g.Sum(r => r.Usage.InputTokens), g.Sum(r => r.Usage.OutputTokens)))
            .OrderByDescending(s => s.LastAt).ThenBy(s => s.SessionId, StringComparer.Ordinal)
            .ToList();

        var listed = await storage.ComplianceReader.ListUserSessionsAsync("ws-a", user, start, end, RecordFilter.None, 1000, Ct);
        var firstTwo = await storage.ComplianceReader.ListUserSessionsAsync("ws-a", user, start, end, RecordFilter.None, 2, Ct);

        Assert.True(expected.Count > 2, "the sample must give the user several sessions in the window");
        Assert.True(expected.Sum(s => s.Records) < all.Count(r => r.UserId == user), "the window must leave some of the user's records out");
        Assert.Equal(expected, listed.Select(s => s with { FirstAt = s.FirstAt.ToUniversalTime(), LastAt = s.LastAt.ToUniversalTime() }));
        Assert.Equal(listed.Take(2), firstTwo);
        Assert.Empty(await storage.ComplianceReader.ListUserSessionsAsync("ws-b", user + "-elsewhere", start, end, RecordFilter.None, 10, Ct));
    }

    [Theory]
    [InlineData("cli", null, "gpt-5-codex")]
    [InlineData(null, "claude_code", null)]
    [InlineData("ide", "codex", "claude-sonnet-4-5")]
    public async Task ListUserSessionsAsync_SurfaceAgentModelFilter_ListsSessionsWithAMatchingRecordAndSummarisesAllTheirRecords(
        string? surface, string? agent, string? model)
    {
        await using var storage = await StorageWithWorkspacesAsync("ws-a");
        await storage.Writer.AppendAsync(SampleActivity.Generate("ws-a", 800, seed: 81, Start), Ct);
        var all = await ReadAllAsync(storage, "ws-a");
        var user = all.Where(r => r.UserId is not null && r.SessionId is not null).GroupBy(r => r.UserId!).OrderByDescending(g => g.Count()).First().Key;
        var (start, end) = (Start, Start.AddHours(4)); // a few records per session, so that a filter leaves some out
        var filter = new RecordFilter
        {
            Surfaces = surface is null ? [] : [WireNames.ParseSurface(surface)],
            Agents = agent is null ? [] : [WireNames.ParseAgent(agent)],
            Models = model is null ? [] : [model],
        };
        var inWindow = all.Where(r => r.UserId == user && r.SessionId is not null && r.OccurredAt >= start && r.OccurredAt < end).ToList();
        var matching = inWindow.Where(r => filter.Matches(r, _ => null)).Select(r => r.SessionId!).ToHashSet();
        var expected = inWindow.Where(r => matching.Contains(r.SessionId!)).GroupBy(r => r.SessionId!)
            .Select(g => $"{g.Key} records={g.Count()} prompts={g.Count(r => r.Kind == RecordKind.UserPrompt)}")
            .Order(StringComparer.Ordinal).ToList();

        var listed = await storage.ComplianceReader.ListUserSessionsAsync("ws-a", user, start, end, filter, 1000, Ct);

        Assert.NotEmpty(expected);
        Assert.True(matching.Count < inWindow.Select(r => r.SessionId).Distinct().Count(), "the filter must leave some sessions out");
        Assert.Equal(expected, listed.Select(s => $"{s.SessionId} records={s.Records} prompts={s.Prompts}").Order(StringComparer.Ordinal));
    }
}
