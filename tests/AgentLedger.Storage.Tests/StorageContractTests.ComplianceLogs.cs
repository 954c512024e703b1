using System.IO.Compression;
using System.Security.Cryptography;
using AgentLedger.Core.Compliance;

namespace AgentLedger.Storage.Tests;

public abstract partial class StorageContractTests
{
    [Fact]
    public async Task SealAsync_ConsecutiveRanges_StoredOnceWithIncreasingEndTimesAndContentByteIdentical()
    {
        await using var storage = await StorageWithWorkspacesAsync("ws-a");
        var records = SampleActivity.Generate("ws-a", 30, seed: 71, Start);
        await storage.Writer.AppendAsync(records, Ct);
        var stored = await ReadAllAsync(storage, "ws-a");

        var first = Build(stored[..10], Start);
        var second = Build(stored[10..30], Start.AddMinutes(5));
        var sealedFirst = await storage.ComplianceLogs.SealAsync(first, Ct);
        var sealedSecond = await storage.ComplianceLogs.SealAsync(second, Ct);

        Assert.NotNull(sealedFirst);
        Assert.NotNull(sealedSecond);
        Assert.Equal((1L, 10L, 10), (sealedFirst.FirstSeq, sealedFirst.LastSeq, sealedFirst.RecordCount));
        Assert.Equal(Start, sealedFirst.EndTime);
        Assert.Equal(Start.AddMinutes(5), sealedSecond.EndTime);
        Assert.Equal(30, await storage.ComplianceLogs.SealedSeqAsync("ws-a", ComplianceLogType.CodexLog, Ct));
        Assert.Equal(0, await storage.ComplianceLogs.SealedSeqAsync("ws-a", ComplianceLogType.AuditLog, Ct));
        Assert.Equal(sealedFirst, await storage.ComplianceLogs.FindAsync("ws-a", first.Id, Ct));
        var content = Gunzip((await storage.ComplianceLogs.ReadContentAsync("ws-a", second.Id, Ct))!);
        Assert.Equal(second.FileSize, content.Length);
        Assert.Equal(second.FileSha256, Convert.ToHexStringLower(SHA256.HashData(content)));
        Assert.Null(await storage.ComplianceLogs.FindAsync("ws-b", first.Id, Ct));
        Assert.Null(await storage.ComplianceLogs.ReadContentAsync("ws-a", "no-such-file", Ct));
    }

    [Fact]
    public async Task SealAsync_RangeThatDoesNotContinueTheSealedSeq_StoresNothing()
    {
        await using var storage = await StorageWithWorkspacesAsync("ws-a");
        await storage.Writer.AppendAsync(SampleActivity.Generate("ws-a", 20, seed: 72, Start), Ct);
        var stored = await ReadAllAsync(storage, "ws-a");
        Assert.NotNull(await storage.ComplianceLogs.SealAsync(Build(stored[..10], Start), Ct));

        var sameRangeAgain = await storage.ComplianceLogs.SealAsync(Build(stored[..10], Start.AddMinutes(1)), Ct);
        var withGap = await storage.ComplianceLogs.SealAsync(Build(stored[11..20], Start.AddMinutes(2)), Ct);

        Assert.Null(sameRangeAgain);
        Assert.Null(withGap);
        Assert.Single(await storage.ComplianceLogs.ListAsync("ws-a", null, null, 10, Ct));
        Assert.Equal(10, await storage.ComplianceLogs.SealedSeqAsync("ws-a", ComplianceLogType.CodexLog, Ct));
    }

    [Fact]
    public async Task SealAsync_SealerClockBehindTheLastEndTime_EndTimeStillStrictlyIncreasesAcrossTypes()
    {
        await using var storage = await StorageWithWorkspacesAsync("ws-a");
        await storage.Writer.AppendAsync(SampleActivity.Generate("ws-a", 4, seed: 73, Start), Ct);
        var stored = await ReadAllAsync(storage, "ws-a");
        var audit = await storage.AuditLog.AppendAsync(NewAuditEvent("ws-a", 1), Ct);
        var auditFile = new ComplianceLogFileBuilder(ComplianceLogType.AuditLog, 10, 1 << 20);
        Assert.True(auditFile.TryAdd(audit));

        var a = await storage.ComplianceLogs.SealAsync(Build(stored[..2], Start.AddHours(1)), Ct);
        var b = await storage.ComplianceLogs.SealAsync(auditFile.Build("ws-a", Start), Ct);
        var c = await storage.ComplianceLogs.SealAsync(Build(stored[2..], Start.AddHours(-1)), Ct);

        Assert.True(a!.EndTime < b!.EndTime && b.EndTime < c!.EndTime);
        Assert.Equal(TimeSpan.FromTicks(10), b.EndTime - a.EndTime);
        var listed = await storage.ComplianceLogs.ListAsync("ws-a", null, null, 10, Ct);
        Assert.Equal([a, b, c], listed);
    }

    [Fact]
    public async Task ListAsync_AfterAnEndTimeAndByType_ReturnsLaterFilesOldestFirstUpToTheLimit()
    {
        await using var storage = await StorageWithWorkspacesAsync("ws-a");
        await storage.Writer.AppendAsync(SampleActivity.Generate("ws-a", 50, seed: 74, Start), Ct);
        var stored = await ReadAllAsync(storage, "ws-a");
        var files = new List<ComplianceLogFile>();
        for (var i = 0; i < 5; i++)
        {
            files.Add((await storage.ComplianceLogs.SealAsync(Build(stored[(i * 10)..((i + 1) * 10)], Start.AddMinutes(i)), Ct))!);
        }

        var audit = await storage.AuditLog.AppendAsync(NewAuditEvent("ws-a", 2), Ct);
        var auditFile = new ComplianceLogFileBuilder(ComplianceLogType.AuditLog, 10, 1 << 20);
        auditFile.TryAdd(audit);
        var sealedAudit = (await storage.ComplianceLogs.SealAsync(auditFile.Build("ws-a", Start.AddMinutes(10)), Ct))!;

        Assert.Equal(files[2..4], await storage.ComplianceLogs.ListAsync("ws-a", ComplianceLogType.CodexLog, files[1].EndTime, 2, Ct));
        Assert.Equal(files[4..], await storage.ComplianceLogs.ListAsync("ws-a", ComplianceLogType.CodexLog, files[3].EndTime, 10, Ct));
        Assert.Equal([sealedAudit], await storage.ComplianceLogs.ListAsync("ws-a", ComplianceLogType.AuditLog, null, 10, Ct));
        Assert.Equal([files[4], sealedAudit], await storage.ComplianceLogs.ListAsync("ws-a", null, files[3].EndTime, 10, Ct));
        Assert.Empty(await storage.ComplianceLogs.ListAsync("ws-a", null, sealedAudit.EndTime, 10, Ct));
        Assert.Empty(await storage.ComplianceLogs.ListAsync("ws-b", null, null, 10, Ct));
    }

    [Fact]
    public async Task SealAsync_TwoInstancesSealTheSameRangeAtOnce_ExactlyOneFileIsStored()
    {
        await using var storage = await StorageWithWorkspacesAsync("ws-a");
        await using var second = await storage.OpenInstanceAsync(Ct);
        await storage.Writer.AppendAsync(SampleActivity.Generate("ws-a", 40, seed: 75, Start), Ct);
        var stored = await ReadAllAsync(storage, "ws-a");

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(() =>
            (i % 2 == 0 ? storage : second).ComplianceLogs.SealAsync(Build(stored, Start.AddSeconds(i)), Ct))));

        Assert.Single(results, r => r is not null);
        Assert.Single(await storage.ComplianceLogs.ListAsync("ws-a", null, null, 10, Ct));
    }

    private static NewComplianceLogFile Build(List<Core.Records.ActivityRecord> records, DateTimeOffset sealedAt)
    {
        var builder = new ComplianceLogFileBuilder(ComplianceLogType.CodexLog, 1000, 1 << 24);
        foreach (var record in records)
        {
            Assert.True(builder.TryAdd(record));
        }

        return builder.Build(records[0].WorkspaceId, sealedAt);
    }

    private static byte[] Gunzip(byte[] compressed)
    {
        using var input = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }
}
