using AgentLedger.Core.Integrity;
using AgentLedger.Core.Records;

namespace AgentLedger.Storage.Tests;

public sealed partial class PostgreSqlStorageTests
{
    [Fact]
    public async Task PurgeMetadata_MonthHoldingOnlyTheExpiredRun_DroppedWhole_SharedMonthDeletedRowByRow()
    {
        await using var storage = await CreatePostgreSqlAsync(Time);
        await storage.Workspaces.EnsureWorkspaceAsync("ws-a", "A", Ct);
        await storage.Workspaces.EnsureWorkspaceAsync("ws-b", "B", Ct);
        var january = new DateTimeOffset(2026, 1, 10, 0, 0, 0, TimeSpan.Zero);
        var february = new DateTimeOffset(2026, 2, 3, 0, 0, 0, TimeSpan.Zero);
        await storage.Writer.AppendAsync(Enumerable.Range(0, 8).Select(i => new RecordBuilder("ws-a", (i < 4 ? january : february).AddHours(i), $"p-{i}")
            .Kind(RecordKind.UserPrompt).Content($"p {i}", null).Build()).ToList(), Ct);
        await storage.Writer.AppendAsync([new RecordBuilder("ws-b", february, "b-0").Build()], Ct);

        // Cutoff 1 March: ws-a's January month holds only ws-a's run and goes whole; February also holds ws-b's record.
        var result = await storage.Retention.PurgeMetadataAsync("ws-a", new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero), Time.GetUtcNow(), Ct);
        var partitions = await storage.Partitions.ListAsync(Ct);
        var verification = (await new RecordChainVerifier(storage.Chain).VerifyAsync("ws-a", Ct))!;
        await storage.Writer.AppendAsync([new RecordBuilder("ws-a", january.AddDays(1), "late-january").Build()], Ct);
        var afterLate = (await new RecordChainVerifier(storage.Chain).VerifyAsync("ws-a", Ct))!;

        Assert.Equal((8L, 8L), (result.Records, result.PurgedThroughSeq));
        Assert.Equal(["records_p202601"], result.DroppedPartitions);
        Assert.DoesNotContain("records_p202601", partitions);
        Assert.Single(await ReadAllAsync(storage, "ws-b"));
        Assert.True(verification.Valid, string.Join("; ", verification.Problems));
        Assert.Equal((0L, 8L), (verification.RecordsChecked, verification.LastSeq));
        Assert.True(afterLate.Valid, string.Join("; ", afterLate.Problems));
        Assert.Equal((1L, 9L), (afterLate.RecordsChecked, afterLate.LastSeq));
    }
}
