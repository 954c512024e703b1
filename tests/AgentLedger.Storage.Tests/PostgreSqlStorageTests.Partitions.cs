using AgentLedger.Core.Records;
using Npgsql;

namespace AgentLedger.Storage.Tests;

public sealed partial class PostgreSqlStorageTests
{
    [Fact]
    public async Task AppendAsync_RecordsOfSeveralMonthsAndALateOne_LandInMonthlyPartitionsCreatedAheadAndOnDemand()
    {
        await using var storage = await CreatePostgreSqlAsync(Time);
        await storage.Workspaces.EnsureWorkspaceAsync("ws-a", "A", Ct);

        await storage.Writer.AppendAsync(
        [
            new RecordBuilder("ws-a", new DateTimeOffset(2026, 1, 31, 23, 59, 59, TimeSpan.Zero)).Build(),
            // 00:30 on 1 February in UTC, though still 31 January in New York: partitions follow UTC
            new RecordBuilder("ws-a", new DateTimeOffset(2026, 1, 31, 19, 30, 0, TimeSpan.FromHours(-5))).Build(),
            new RecordBuilder("ws-a", new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.Zero)).Build(),
        ], Ct);

        // now is 2026-03-11 and two months ahead are kept
        Assert.Equal(["records_p202406", "records_p202601", "records_p202602", "records_p202603", "records_p202604", "records_p202605"],
            await storage.Partitions.ListAsync(Ct));
        Assert.Equal([1L, 1L, 1L], await CountPerPartitionAsync(storage, "records_p202601", "records_p202602", "records_p202406"));
    }

    [Fact]
    public async Task DropBeforeAsync_OldMonths_RemovesTheirRecordsAndKeepsRollupsSeqAndDedupe()
    {
        await using var storage = await CreatePostgreSqlAsync(Time);
        await storage.Workspaces.EnsureWorkspaceAsync("ws-a", "A", Ct);
        var old = new RecordBuilder("ws-a", new DateTimeOffset(2026, 1, 15, 9, 0, 0, TimeSpan.Zero)).Kind(RecordKind.UserPrompt).Build();
        var recent = new RecordBuilder("ws-a", new DateTimeOffset(2026, 2, 15, 9, 0, 0, TimeSpan.Zero)).Kind(RecordKind.UserPrompt).Build();
        await storage.Writer.AppendAsync([old, recent], Ct);

        var dropped = await storage.Partitions.DropBeforeAsync(new DateTimeOffset(2026, 2, 10, 0, 0, 0, TimeSpan.Zero), Ct);

        Assert.Equal(["records_p202601"], dropped);
        Assert.Equal([recent.EventId], (await ReadAllAsync(storage, "ws-a")).Select(r => r.EventId));
        Assert.Single(await storage.Rollups.ReadHourlyAsync("ws-a", old.OccurredAt, old.OccurredAt.AddHours(1), Ct));
        // a purged event sent again stays a duplicate, and seq goes on from where it was
        Assert.Equal([new(false, 0), new(true, 3)],
            await storage.Writer.AppendAsync([old, new RecordBuilder("ws-a", recent.OccurredAt).Build()], Ct));
    }

    [Fact]
    public async Task AppendAsync_PartitionDroppedByAnotherInstance_NextAppendRecreatesIt()
    {
        await using var storage = await CreatePostgreSqlAsync(Time);
        await using var retention = storage.OpenInstance();
        await storage.Workspaces.EnsureWorkspaceAsync("ws-a", "A", Ct);
        var january = new DateTimeOffset(2026, 1, 15, 9, 0, 0, TimeSpan.Zero);
        await storage.Writer.AppendAsync([new RecordBuilder("ws-a", january).Build()], Ct);
        await retention.Partitions.DropBeforeAsync(new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero), Ct);
        var late = new RecordBuilder("ws-a", january.AddHours(1)).Build();

        // this instance still believes January exists: the first attempt fails whole, the retry succeeds
        await Assert.ThrowsAsync<PostgresException>(() => storage.Writer.AppendAsync([late], Ct));
        var retried = await storage.Writer.AppendAsync([late], Ct);

        Assert.Equal([new(true, 2)], retried);
        Assert.Equal([2L], (await ReadAllAsync(storage, "ws-a")).Select(r => r.Seq));
    }

    private static async Task<List<long>> CountPerPartitionAsync(PostgreSqlTestStorage storage, params string[] partitions)
    {
        var counts = new List<long>();
        await using var connection = await storage.Database.OpenAsync(Ct);
        foreach (var partition in partitions)
        {
            await using var command = new NpgsqlCommand($"SELECT count(*) FROM {partition}", connection);
            counts.Add((long)(await command.ExecuteScalarAsync(Ct))!);
        }

        return counts;
    }
}
