using AgentLedger.Core.Records;

namespace AgentLedger.Storage.Tests;

public abstract partial class StorageContractTests
{
    /// <summary>
    /// ws-a: seq 1–120 occur a minute apart from <see cref="Start"/> (seq n at Start + n min), then seq 121 arrives late
    /// at Start + 10 min 30 s, seq 122 late at Start − 1 day, and seq 123–150 resume on time at Start + 121…148 min.
    /// ws-b holds the same times, so that a workspace mix-up shows.
    /// </summary>
    private async Task<ITestStorage> WindowedHistoryAsync()
    {
        var storage = await StorageWithWorkspacesAsync("ws-a", "ws-b");
        foreach (var workspace in new[] { "ws-b", "ws-a" })
        {
            var times = Enumerable.Range(1, 120).Select(n => Start.AddMinutes(n))
                .Append(Start.AddMinutes(10).AddSeconds(30))
                .Append(Start.AddDays(-1))
                .Concat(Enumerable.Range(121, 28).Select(n => Start.AddMinutes(n)));
            var batch = times.Select(at => new RecordBuilder(workspace, at).Kind(RecordKind.UserPrompt).Build()).ToList();
            await storage.Writer.AppendAsync(batch, Ct);
        }

        return storage;
    }

    public static TheoryData<string, int?, int?, long, long, long?, long?> WindowSeqCases => new()
    {
        // name, window start and end (minutes after Start, null = open), afterSeq, uptoSeq, first, last
        { "late arrival inside the window is its last seq", 5, 15, 0, 150, 5, 121 },
        { "late arrival found past the probe", 5, 15, 15, 150, 121, 121 },
        { "uptoSeq leaves the late arrival out", 5, 15, 7, 120, 8, 14 },
        { "window far past the first seqs", 100, 110, 0, 150, 100, 109 },
        { "window in the middle, its end far from the last seq", 20, 30, 0, 150, 20, 29 },
        { "late arrival outside the window is not its last", 20, 30, 0, 122, 20, 29 },
        { "open start reaches the record a day early", null, 3, 0, 150, 1, 122 },
        { "open end runs to the newest", 140, null, 0, 150, 142, 150 },
        { "open end, afterSeq just before the last record", 148, null, 149, 150, 150, 150 },
        { "the window of the record a day early", -1441, -1439, 0, 150, 122, 122 },
        { "one-minute window of one record", 11, 12, 0, 150, 11, 11 },
        { "empty window between the record a day early and the rest", -1000, -500, 0, 150, null, null },
        { "window before every record", -4000, -3000, 0, 150, null, null },
        { "window after every record", 200, 300, 0, 150, null, null },
        { "afterSeq past the window's records", 5, 15, 121, 150, null, null },
        { "empty seq range", 5, 15, 40, 40, null, null },
        { "no time bound is the seq range", null, null, 30, 90, 31, 90 },
    };

    [Theory]
    [MemberData(nameof(WindowSeqCases))]
    public async Task SeqInWindowAsync_Case_FirstAndLastSeqOfTheWindowInTheRange(
        string name, int? fromMinutes, int? beforeMinutes, long afterSeq, long uptoSeq, long? first, long? last)
    {
        _ = name;
        await using var storage = await WindowedHistoryAsync();
        var records = await ReadAllAsync(storage, "ws-a");
        DateTimeOffset? from = fromMinutes is { } f ? Start.AddMinutes(f) : null;
        DateTimeOffset? before = beforeMinutes is { } b ? Start.AddMinutes(b) : null;

        var readFirst = await storage.ComplianceReader.FirstSeqInWindowAsync("ws-a", from, before, afterSeq, uptoSeq, Ct);
        var readLast = await storage.ComplianceReader.LastSeqInWindowAsync("ws-a", from, before, afterSeq, uptoSeq, Ct);

        Assert.Equal(first, readFirst);
        Assert.Equal(last, readLast);
        var (oracleFirst, oracleLast) = WindowSeqsOf(records, from, before, afterSeq, uptoSeq);
        Assert.Equal((oracleFirst, oracleLast), (first, last));
    }

    [Fact]
    public async Task SeqInWindowAsync_ManyWindowsAndRanges_MatchTheRecordsOccurringInThem()
    {
        await using var storage = await WindowedHistoryAsync();
        var records = await ReadAllAsync(storage, "ws-a");
        var random = new Random(11);
        for (var i = 0; i < 60; i++)
        {
            DateTimeOffset? from = random.Next(5) == 0 ? null : Start.AddMinutes(random.Next(-20, 160));
            DateTimeOffset? before = random.Next(5) == 0 ? null : (from ?? Start).AddMinutes(random.Next(1, 90));
            long afterSeq = random.Next(0, 151);
            long uptoSeq = random.Next((int)afterSeq, 151);

            var expected = WindowSeqsOf(records, from, before, afterSeq, uptoSeq);
            var read = (await storage.ComplianceReader.FirstSeqInWindowAsync("ws-a", from, before, afterSeq, uptoSeq, Ct),
                await storage.ComplianceReader.LastSeqInWindowAsync("ws-a", from, before, afterSeq, uptoSeq, Ct));

            Assert.True(expected == read, $"[{from:O}, {before:O}) in ({afterSeq}, {uptoSeq}]: expected {expected}, read {read}");
        }
    }

    [Fact]
    public async Task SeqInWindowAsync_UnknownWorkspace_FindsNothing()
    {
        await using var storage = await WindowedHistoryAsync();

        Assert.Null(await storage.ComplianceReader.FirstSeqInWindowAsync("ws-none", Start, null, 0, 150, Ct));
        Assert.Null(await storage.ComplianceReader.LastSeqInWindowAsync("ws-none", null, Start.AddHours(1), 0, 150, Ct));
    }

    private static (long? First, long? Last) WindowSeqsOf(
        IEnumerable<ActivityRecord> records, DateTimeOffset? from, DateTimeOffset? before, long afterSeq, long uptoSeq)
    {
        var seqs = records
            .Where(r => r.Seq > afterSeq && r.Seq <= uptoSeq && (from is null || r.OccurredAt >= from) && (before is null || r.OccurredAt < before))
            .Select(r => r.Seq).ToList();
        return seqs.Count == 0 ? (null, null) : (seqs.Min(), seqs.Max());
    }
}
