using AgentLedger.Core.Records;

namespace AgentLedger.Storage.Tests;

public abstract partial class StorageContractTests
{
    [Fact]
    public async Task ReadHourlyAsync_AfterBatchesWithRetries_EqualsFiguresRecomputedFromTheRecords()
    {
        await using var storage = await StorageWithWorkspacesAsync("ws-a", "ws-b");
        var a = SampleActivity.Generate("ws-a", 400, seed: 7, Start);
        var b = SampleActivity.Generate("ws-b", 50, seed: 8, Start);
        // sessions continue across commits, and retries re-send parts already stored
        await storage.Writer.AppendAsync([.. a[..150], .. b], Ct);
        await storage.Writer.AppendAsync(a[100..300], Ct);
        await storage.Writer.AppendAsync([.. a[250..], .. a[..10]], Ct);

        var stored = await ReadAllAsync(storage, "ws-a");
        var expected = ExpectedRollups.From(stored);
        var actual = ExpectedRollups.Of(await storage.Rollups.ReadHourlyAsync("ws-a", Start.AddDays(-1), Start.AddDays(3), Ct));

        ExpectedRollups.AssertEqual(expected, actual);
        Assert.Equal(400m, ExpectedRollups.Total(actual, "records"));
        Assert.Equal(stored.Where(r => r.SessionId is not null).Select(r => r.SessionId).Distinct().Count(), ExpectedRollups.Total(actual, "threads"));
        Assert.Equal(a.Sum(r => r.Credits ?? 0), ExpectedRollups.Total(actual, "credits"));
        Assert.Equal(a.Sum(r => r.Usage.InputTokens), ExpectedRollups.Total(actual, "input_tokens"));
        Assert.True(ExpectedRollups.Total(actual, "comments_p0") > 0, "the sample must exercise review priorities");
    }

    [Fact]
    public async Task ReadHourlyAsync_Window_IncludesStartHourAndExcludesEndHour()
    {
        await using var storage = await StorageWithWorkspacesAsync("ws-a");
        var hour = new DateTimeOffset(2026, 3, 9, 10, 0, 0, TimeSpan.Zero);
        await storage.Writer.AppendAsync(
        [
            new RecordBuilder("ws-a", hour.AddMinutes(-1)).Kind(RecordKind.UserPrompt).Build(),
            new RecordBuilder("ws-a", hour).Kind(RecordKind.UserPrompt).Build(),
            new RecordBuilder("ws-a", hour.AddMinutes(59)).Kind(RecordKind.UserPrompt).Build(),
            new RecordBuilder("ws-a", hour.AddHours(1)).Kind(RecordKind.UserPrompt).Build(),
        ], Ct);

        var rows = await storage.Rollups.ReadHourlyAsync("ws-a", hour, hour.AddHours(1), Ct);

        var row = Assert.Single(rows);
        Assert.Equal(hour, row.Key.HourStart);
        Assert.Equal(2, row.Measures.Messages);
        Assert.Empty(await storage.Rollups.ReadHourlyAsync("ws-b", hour.AddDays(-1), hour.AddDays(1), Ct));
    }

    [Fact]
    public async Task ReadHourlyAsync_MoneyWithSixDecimals_SumsExactly()
    {
        await using var storage = await StorageWithWorkspacesAsync("ws-a");
        var records = Enumerable.Range(0, 7)
            .Select(i => new RecordBuilder("ws-a", Start.AddMinutes(i)).Kind(RecordKind.ModelResponse).Model("gpt-5-codex")
                .Money(0.000001m * (i + 1) + 0.1m, 123456.654321m).Build())
            .ToList();
        await storage.Writer.AppendAsync(records, Ct);

        var row = Assert.Single(await storage.Rollups.ReadHourlyAsync("ws-a", Start, Start.AddHours(1), Ct));

        Assert.Equal(0.700028m, row.Measures.CostUsd);
        Assert.Equal(864196.580247m, row.Measures.Credits);
        Assert.Equal("0.700028", row.Measures.CostUsd.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var stored = await ReadAllAsync(storage, "ws-a");
        Assert.Equal("0.100001", stored[0].CostUsd!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task ReadHourlyAsync_SessionSpanningCommitsAndHours_CountsOneThreadInTheHourOfItsFirstRecord()
    {
        await using var storage = await StorageWithWorkspacesAsync("ws-a");
        var first = new RecordBuilder("ws-a", Start.AddMinutes(50)).Kind(RecordKind.SessionStarted).Session("s-1").By("ada@example.com").Build();
        var later = new RecordBuilder("ws-a", Start.AddMinutes(70)).Kind(RecordKind.UserPrompt).Session("s-1").By("ada@example.com").Build();

        await storage.Writer.AppendAsync([first], Ct);
        await storage.Writer.AppendAsync([later], Ct);

        var rows = await storage.Rollups.ReadHourlyAsync("ws-a", Start, Start.AddHours(2), Ct);
        Assert.Equal([1L, 0L], rows.Select(r => r.Measures.Threads));
        Assert.Equal([0L, 1L], rows.Select(r => r.Measures.Turns));
    }
}
