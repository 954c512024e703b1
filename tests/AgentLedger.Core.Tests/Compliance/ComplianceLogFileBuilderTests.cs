using System.IO.Compression;
using System.Security.Cryptography;
using AgentLedger.Core.Compliance;

namespace AgentLedger.Core.Tests.Compliance;

public sealed class ComplianceLogFileBuilderTests
{
    [Fact]
    public void Build_Lines_GzipHoldsTheJsonlWhoseSizeAndSha256AreReported()
    {
        var builder = new ComplianceLogFileBuilder(ComplianceLogType.CodexLog, 10, 1 << 20);
        Assert.True(builder.TryAdd(TestRecords.Response(1)));
        Assert.True(builder.TryAdd(TestRecords.Response(2)));

        var file = builder.Build("acme", TestRecords.At);

        using var gzip = new GZipStream(new MemoryStream(file.ContentGzip), CompressionMode.Decompress);
        using var content = new MemoryStream();
        gzip.CopyTo(content);
        Assert.Equal(file.FileSize, content.Length);
        Assert.Equal(file.FileSha256, Convert.ToHexStringLower(SHA256.HashData(content.ToArray())));
        Assert.Equal((1L, 2L, 2), (file.FirstSeq, file.LastSeq, file.RecordCount));
        Assert.Equal("codex_log-acme-000000000001-000000000002.jsonl", file.FileName);
    }

    [Fact]
    public void TryAdd_PastTheRecordLimit_Refuses()
    {
        var builder = new ComplianceLogFileBuilder(ComplianceLogType.CodexLog, 2, 1 << 20);

        Assert.True(builder.TryAdd(TestRecords.Response(1)));
        Assert.True(builder.TryAdd(TestRecords.Response(2)));
        Assert.False(builder.TryAdd(TestRecords.Response(3)));
        Assert.True(builder.IsFull);
    }

    [Fact]
    public void TryAdd_PastTheByteLimit_RefusesButAnOversizedFirstLineMakesAFileOfItsOwn()
    {
        var big = TestRecords.Response(1) with { PromptText = new string('x', 5000) };
        var builder = new ComplianceLogFileBuilder(ComplianceLogType.CodexLog, 100, 1000);

        Assert.True(builder.TryAdd(big));
        Assert.False(builder.TryAdd(TestRecords.Response(2)));
        Assert.Equal(1, builder.Count);
    }

    [Fact]
    public void TryAdd_GapInSeqOrWrongType_Throws()
    {
        var builder = new ComplianceLogFileBuilder(ComplianceLogType.CodexLog, 10, 1 << 20);
        builder.TryAdd(TestRecords.Response(1));

        Assert.Throws<InvalidOperationException>(() => builder.TryAdd(TestRecords.Response(3)));
        Assert.Throws<InvalidOperationException>(() => builder.TryAdd(new AuditEvent
        {
            WorkspaceId = "acme", EventId = "e", OccurredAt = TestRecords.At, Action = AuditActions.ReadRecords, Result = AuditResult.Success,
            Actor = AuditActor.System, Seq = 2,
        }));
        Assert.Throws<InvalidOperationException>(() => new ComplianceLogFileBuilder(ComplianceLogType.AuditLog, 1, 1).Build("acme", TestRecords.At));
    }
}
