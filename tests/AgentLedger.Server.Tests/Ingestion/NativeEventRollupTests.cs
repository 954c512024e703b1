using System.Text.Json.Nodes;
using AgentLedger.Core.Metrics;
using AgentLedger.Server.Tests.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLedger.Server.Tests.Ingestion;

public sealed class NativeEventRollupTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private static readonly DateTimeOffset Hour1 = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Hour2 = Hour1.AddHours(1);

    [Fact]
    public async Task Ingest_MixedActivity_RollupsEqualFiguresComputedFromTheEvents()
    {
        var ws = await server.NewWorkspaceAsync();
        var events = SampleActivity();
        var response = await ws.Client().PostEventsAsync(EventBuilder.Batch(events));
        var body = await response.EnsureSuccessStatusCode().ReadJsonAsync();
        Assert.Equal(events.Length, (int)body["accepted"]!);

        var expected = ExpectedRollups.From(events.Select(e => e.Build()));
        var actual = await ReadRollupsByEmailAsync(ws);

        Assert.Equal(expected.Keys.OrderBy(k => k.ToString()), actual.Keys.OrderBy(k => k.ToString()));
        foreach (var (key, measures) in expected)
        {
            foreach (var column in UsageMeasures.Columns)
            {
                Assert.True(column.Get(measures) == column.Get(actual[key]),
                    $"{key} {column.Name}: expected {column.Get(measures)}, stored {column.Get(actual[key])}");
            }
        }
    }

    [Fact]
    public async Task Ingest_SameBatchTwice_SecondStoresAndCountsNothing()
    {
        var ws = await server.NewWorkspaceAsync();
        var batch = EventBuilder.Batch(SampleActivity());
        var first = await (await ws.Client().PostEventsAsync(batch)).EnsureSuccessStatusCode().ReadJsonAsync();
        var recordsAfterFirst = await ws.Client().ReadAllRecordsAsync(ws.Id);
        var rollupsAfterFirst = await ReadRollupsByEmailAsync(ws);

        var second = await (await ws.Client().PostEventsAsync(batch)).EnsureSuccessStatusCode().ReadJsonAsync();

        Assert.Equal(0, (int)second["accepted"]!);
        Assert.Equal((int)first["accepted"]!, (int)second["duplicates"]!);
        Assert.Equal(0, (int)second["records"]!);
        var recordsAfterSecond = await ws.Client().ReadAllRecordsAsync(ws.Id);
        Assert.Equal(recordsAfterFirst.Select(r => r.ToJsonString()), recordsAfterSecond.Select(r => r.ToJsonString()));
        var rollupsAfterSecond = await ReadRollupsByEmailAsync(ws);
        Assert.Equal(Flatten(rollupsAfterFirst), Flatten(rollupsAfterSecond));
    }

    [Fact]
    public async Task Ingest_DuplicateInsideOneBatch_IsStoredOnce()
    {
        var ws = await server.NewWorkspaceAsync();
        var prompt = EventBuilder.Prompt().Session("s-dup");
        var body = await (await ws.Client().PostEventsAsync(EventBuilder.Batch(prompt, prompt))).EnsureSuccessStatusCode().ReadJsonAsync();

        Assert.Equal(1, (int)body["accepted"]!);
        Assert.Equal(1, (int)body["duplicates"]!);
        var rollups = await ReadRollupsByEmailAsync(ws);
        Assert.Equal(1, rollups.Values.Single().Messages);
        Assert.Equal(1, rollups.Values.Single().Threads);
    }

    internal static EventBuilder[] SampleActivity()
    {
        var reviewComments = new JsonArray(
            new JsonObject { ["comment_id"] = "c-1", ["priority"] = "P0", ["body"] = "Null dereference" },
            new JsonObject { ["comment_id"] = "c-2", ["priority"] = "P1" },
            new JsonObject { ["comment_id"] = "c-3", ["priority"] = "P1" },
            new JsonObject { ["comment_id"] = "c-4", ["priority"] = "P3" });
        return
        [
            EventBuilder.Prompt().User("ana@example.com").Session("s-1").At(Hour1.AddMinutes(1)),
            EventBuilder.Response().User("ana@example.com").Session("s-1").At(Hour1.AddMinutes(2)).Model("gpt-5-codex").Tokens(12_000, 4_000, 900, 300),
            EventBuilder.Prompt().User("ana@example.com").Session("s-1").At(Hour2.AddMinutes(5)),
            EventBuilder.Response().User("ana@example.com").Session("s-1").At(Hour2.AddMinutes(6)).Model("gpt-5-codex").Tokens(20_000, 15_000, 1_500),
            EventBuilder.Of("tool.result").User("ana@example.com").Session("s-1").At(Hour2.AddMinutes(7)).Set("tool", new JsonObject { ["name"] = "shell" }),
            EventBuilder.Prompt().User("ben@example.com").Session("s-2").At(Hour1.AddMinutes(30)).Client("CLAUDE_CODE_IDE_VSCODE", "claude_code"),
            EventBuilder.Response().User("ben@example.com").Session("s-2").At(Hour1.AddMinutes(31)).Client("CLAUDE_CODE_IDE_VSCODE", "claude_code")
                .Model("claude-sonnet-4-5").Tokens(8_000, 0, 700).Credits(1.234567m),
            EventBuilder.Of("cloud_task.created").User("ben@example.com").Session("task-9").At(Hour2.AddMinutes(1)).Client("CODEX_WEB", "codex"),
            EventBuilder.Of("cloud_task.failed").User("ben@example.com").Session("task-9").At(Hour2.AddMinutes(20)).Client("CODEX_WEB", "codex")
                .Set("error", "tests failed"),
            EventBuilder.Of("code_review.completed").User("ben@example.com").At(Hour2.AddMinutes(30)).Client("CODEX_GITHUB", "codex")
                .Review(new JsonObject { ["repository"] = "acme/api", ["pull_request"] = 42, ["comments"] = reviewComments }),
            EventBuilder.Of("code_review.reaction").User("ana@example.com").At(Hour2.AddMinutes(40)).Client("CODEX_GITHUB", "codex")
                .Review(new JsonObject { ["repository"] = "acme/api", ["pull_request"] = 42, ["comment_id"] = "c-1", ["reaction"] = "upvote" }),
            EventBuilder.Of("code_review.reaction").User("ana@example.com").At(Hour2.AddMinutes(41)).Client("CODEX_GITHUB", "codex")
                .Review(new JsonObject { ["comment_id"] = "c-2", ["reaction"] = "downvote" }),
            EventBuilder.Of("code_review.reply").User("ana@example.com").At(Hour2.AddMinutes(42)).Client("CODEX_GITHUB", "codex")
                .Review(new JsonObject { ["comment_id"] = "c-2", ["body"] = "Intended." }),
        ];
    }

    private async Task<Dictionary<RollupKey, UsageMeasures>> ReadRollupsByEmailAsync(TestWorkspace ws)
    {
        var emailByUser = (await ws.Client().ReadAllRecordsAsync(ws.Id))
            .GroupBy(r => (string)r["user_id"]!)
            .ToDictionary(g => g.Key, g => ((string)g.First()["actor"]!["email"]! ?? (string)g.First()["actor"]!["login"]!).ToLowerInvariant());
        var rows = await server.Services.GetRequiredService<IUsageRollupReader>()
            .ReadHourlyAsync(ws.Id, Hour1.AddDays(-1), Hour1.AddDays(1), CancellationToken.None);
        return rows.ToDictionary(
            r => new RollupKey(r.Key.HourStart, emailByUser[r.Key.UserId], Core.Records.WireNames.Of(r.Key.ClientId), r.Key.Model),
            r => r.Measures);
    }

    private static IEnumerable<string> Flatten(Dictionary<RollupKey, UsageMeasures> rollups) =>
        rollups.OrderBy(p => p.Key.ToString())
            .Select(p => p.Key + ":" + string.Join(",", UsageMeasures.Columns.Select(c => c.Get(p.Value))));
}
