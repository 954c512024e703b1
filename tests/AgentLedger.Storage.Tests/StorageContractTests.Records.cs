using AgentLedger.Core.Records;

namespace AgentLedger.Storage.Tests;

public abstract partial class StorageContractTests
{
    [Fact]
    public async Task AppendAsync_MixedRecords_ReadBackAsSentWithSeqInArrivalOrder()
    {
        await using var storage = await StorageWithWorkspacesAsync("ws-a");
        var sent = SampleActivity.Generate("ws-a", 120, seed: 1, Start);

        var outcomes = await storage.Writer.AppendAsync(sent, Ct);

        Assert.All(outcomes, o => Assert.True(o.Stored));
        Assert.Equal(Enumerable.Range(1, sent.Count).Select(i => (long)i), outcomes.Select(o => o.Seq));
        var stored = await ReadAllAsync(storage, "ws-a", pageSize: 17);
        Assert.Equal(sent.Select(AsSent), stored.Select(AsSent));
        AssertSeqIsOneToN(stored);
        Assert.Equal((120L, 120L), await storage.Reader.CountAsync("ws-a", Ct));
    }

    [Fact]
    public async Task AppendAsync_SmallAndLargeBatches_StoreEveryRecordOnceInOrder()
    {
        await using var storage = await StorageWithWorkspacesAsync("ws-a");
        var sent = SampleActivity.Generate("ws-a", 1_301, seed: 2, Start);

        // one record, a handful, then one batch far above any bulk-load threshold
        await storage.Writer.AppendAsync(sent[..1], Ct);
        await storage.Writer.AppendAsync(sent[1..6], Ct);
        await storage.Writer.AppendAsync(sent[6..], Ct);

        var stored = await ReadAllAsync(storage, "ws-a", pageSize: 500);
        Assert.Equal(sent.Select(AsSent), stored.Select(AsSent));
        AssertSeqIsOneToN(stored);
    }

    [Fact]
    public async Task AppendAsync_SameBatchTwice_SecondStoresNothingAndCountsNothing()
    {
        await using var storage = await StorageWithWorkspacesAsync("ws-a");
        var sent = SampleActivity.Generate("ws-a", 80, seed: 3, Start);
        await storage.Writer.AppendAsync(sent, Ct);
        var rollupsBefore = ExpectedRollups.Of(await storage.Rollups.ReadHourlyAsync("ws-a", Start.AddDays(-1), Start.AddDays(3), Ct));

        var again = await storage.Writer.AppendAsync(sent, Ct);

        Assert.All(again, o => Assert.Equal(new Core.Ingestion.AppendOutcome(false, 0), o));
        Assert.Equal((80L, 80L), await storage.Reader.CountAsync("ws-a", Ct));
        Assert.Equal(80, (await ReadAllAsync(storage, "ws-a")).Count);
        var rollupsAfter = ExpectedRollups.Of(await storage.Rollups.ReadHourlyAsync("ws-a", Start.AddDays(-1), Start.AddDays(3), Ct));
        ExpectedRollups.AssertEqual(rollupsBefore, rollupsAfter);
    }

    [Fact]
    public async Task AppendAsync_DuplicatesInsideOneBatch_FirstIsStoredOthersReportedAsDuplicates()
    {
        await using var storage = await StorageWithWorkspacesAsync("ws-a");
        var first = new RecordBuilder("ws-a", Start, "evt-1").Kind(RecordKind.UserPrompt).Session("s").Build();
        var retry = first with { Id = RecordIds.NewId(Start), PromptText = "a retry may differ; the first one wins" };
        var other = new RecordBuilder("ws-a", Start.AddMinutes(1), "evt-2").Kind(RecordKind.UserPrompt).Session("s").Build();

        var outcomes = await storage.Writer.AppendAsync([first, retry, other, first], Ct);

        Assert.Equal([new(true, 1), new(false, 0), new(true, 2), new(false, 0)], outcomes);
        var stored = await ReadAllAsync(storage, "ws-a");
        Assert.Equal([AsSent(first), AsSent(other)], stored.Select(AsSent));
        var rollups = ExpectedRollups.Of(await storage.Rollups.ReadHourlyAsync("ws-a", Start, Start.AddHours(1), Ct));
        Assert.Equal(2m, ExpectedRollups.Total(rollups, "turns"));
        Assert.Equal(1m, ExpectedRollups.Total(rollups, "threads"));
    }

    [Fact]
    public async Task AppendAsync_OtlpItemAnOlderServerStoredUnderItsHashOnlyId_IsADuplicateBeforeTheMarkOnly()
    {
        // Migration 0014 marks a store that held records; before the mark an item may be stored under its hash-only id.
        await using var storage = await StorageWithWorkspacesAsync("ws-a");
        var mark = Start.AddHours(1).ToUnixTimeMilliseconds();
        await storage.ExecuteSqlAsync($"INSERT INTO store_marks (name, value) VALUES ('{OtlpEventIds.LegacyMarkName}', {mark})", Ct);
        const string hash = "0123456789abcdef0123456789abcdef", later = "fedcba9876543210fedcba9876543210";
        var old = new RecordBuilder("ws-a", Start, "otlp:" + hash).Kind(RecordKind.UserPrompt).Build();
        var oldLater = new RecordBuilder("ws-a", Start.AddHours(2), "otlp:" + later).Kind(RecordKind.UserPrompt).Build();
        Assert.Equal([new(true, 1), new(true, 2)], await storage.Writer.AppendAsync([old, oldLater], Ct));

        string Id(DateTimeOffset at, string digest) => OtlpEventIds.Of(at.ToUnixTimeMilliseconds(), Convert.FromHexString(digest));
        var resent = old with { Id = RecordIds.NewId(Start), EventId = Id(Start, hash) };
        var resentCopy = old with { Id = RecordIds.NewId(Start), EventId = Id(Start, hash) + "#1" };
        var afterMark = oldLater with { Id = RecordIds.NewId(Start), EventId = Id(Start.AddHours(2), later) };
        var outcomes = await storage.Writer.AppendAsync([resent, resentCopy, afterMark], Ct);

        // the re-sent item is the stored one; its second copy in a request was never stored under "otlp:<hash>#1";
        // an item timed after the mark cannot have been stored by an older server, so its hash-only id is not looked for
        Assert.Equal([new(false, 0), new(true, 3), new(true, 4)], outcomes);
        Assert.Equal(4, (await ReadAllAsync(storage, "ws-a")).Count);
    }

    [Fact]
    public async Task AppendAsync_StoreWithoutMark_DoesNotLookForHashOnlyIds()
    {
        await using var storage = await StorageWithWorkspacesAsync("ws-a");
        const string hash = "0123456789abcdef0123456789abcdef";
        var old = new RecordBuilder("ws-a", Start, "otlp:" + hash).Build();
        await storage.Writer.AppendAsync([old], Ct);

        var timeOrdered = old with { Id = RecordIds.NewId(Start), EventId = OtlpEventIds.Of(Start.ToUnixTimeMilliseconds(), Convert.FromHexString(hash)) };

        Assert.Equal([new(true, 2)], await storage.Writer.AppendAsync([timeOrdered], Ct));
    }

    [Fact]
    public async Task AppendAsync_SameEventIdInTwoWorkspaces_StoredInEach()
    {
        await using var storage = await StorageWithWorkspacesAsync("ws-a", "ws-b");

        var outcomes = await storage.Writer.AppendAsync(
            [new RecordBuilder("ws-a", Start, "evt-1").Build(), new RecordBuilder("ws-b", Start, "evt-1").Build()], Ct);

        Assert.Equal([new(true, 1), new(true, 1)], outcomes);
    }

    [Fact]
    public async Task AppendAsync_InterleavedWorkspacesAcrossBatches_SeqGapFreeAndIndependentPerWorkspace()
    {
        await using var storage = await StorageWithWorkspacesAsync("ws-a", "ws-b", "ws-c");
        var a = SampleActivity.Generate("ws-a", 90, seed: 4, Start);
        var b = SampleActivity.Generate("ws-b", 60, seed: 5, Start);
        var mixed = a.Zip(b.Concat(b), (x, y) => new[] { x, y }).SelectMany(p => p).ToList(); // every b twice

        for (var i = 0; i < mixed.Count; i += 25)
        {
            await storage.Writer.AppendAsync(mixed.Skip(i).Take(25).ToList(), Ct);
        }

        var storedA = await ReadAllAsync(storage, "ws-a");
        var storedB = await ReadAllAsync(storage, "ws-b");
        AssertSeqIsOneToN(storedA);
        AssertSeqIsOneToN(storedB);
        Assert.Equal(a.Select(r => r.EventId), storedA.Select(r => r.EventId));
        Assert.Equal(b.Select(r => r.EventId), storedB.Select(r => r.EventId));
        Assert.Empty(await storage.Reader.ReadAfterSeqAsync("ws-c", 0, 10, Ct));
        Assert.Equal((0L, 0L), await storage.Reader.CountAsync("ws-c", Ct));
    }

    [Fact]
    public async Task AppendAsync_UnknownWorkspace_ThrowsAndStoresNothingOfTheBatch()
    {
        await using var storage = await StorageWithWorkspacesAsync("ws-a");
        var batch = new[] { new RecordBuilder("ws-a", Start).Build(), new RecordBuilder("ws-missing", Start).Build() };

        await Assert.ThrowsAsync<InvalidOperationException>(() => storage.Writer.AppendAsync(batch, Ct));

        Assert.Equal((0L, 0L), await storage.Reader.CountAsync("ws-a", Ct));
        Assert.Empty(await ReadAllAsync(storage, "ws-a"));
        Assert.Equal([new(true, 1)], await storage.Writer.AppendAsync(batch[..1], Ct));
    }

    [Fact]
    public async Task ReadAfterSeqAsync_Cursor_ReturnsEachRecordOnceAndStopsAtTheEnd()
    {
        await using var storage = await StorageWithWorkspacesAsync("ws-a");
        await storage.Writer.AppendAsync(SampleActivity.Generate("ws-a", 30, seed: 6, Start), Ct);

        var page = await storage.Reader.ReadAfterSeqAsync("ws-a", 10, 7, Ct);
        var tail = await storage.Reader.ReadAfterSeqAsync("ws-a", 28, 7, Ct);
        var beyond = await storage.Reader.ReadAfterSeqAsync("ws-a", 30, 7, Ct);

        Assert.Equal([11L, 12, 13, 14, 15, 16, 17], page.Select(r => r.Seq));
        Assert.Equal([29L, 30], tail.Select(r => r.Seq));
        Assert.Empty(beyond);
    }
}
