using System.Text.Json.Nodes;
using AgentLedger.Core.Compliance;
using AgentLedger.Core.Integrity;
using AgentLedger.Core.Records;

namespace AgentLedger.Storage.Tests;

/// <summary>The hash chain (ADR 0005): what the writer stores verifies, and each kind of tampering is named.</summary>
public abstract partial class StorageContractTests
{
    [Fact]
    public async Task Verify_UntouchedWorkspace_ValidWithEveryAnchorChecked()
    {
        await using var storage = await ChainedStorageAsync(60);
        var stored = await ReadAllAsync(storage, "ws-a");
        Assert.NotNull(await storage.ComplianceLogs.SealAsync(Build(stored[..25], Start), Ct));

        var result = await VerifyAsync(storage);

        Assert.True(result.Valid, string.Join("; ", result.Problems));
        Assert.Empty(result.Problems);
        Assert.Equal(61, result.RecordsChecked);
        Assert.Equal(61, result.LastSeq);
        Assert.Equal(2, result.AnchorsChecked); // the workspace head and the sealed file's head
        Assert.NotNull(result.HeadSha256);
        var other = await new RecordChainVerifier(storage.Chain).VerifyAsync("ws-b", Ct);
        Assert.True(other!.Valid);
        Assert.Equal(5, other.RecordsChecked);
        Assert.Null(await new RecordChainVerifier(storage.Chain).VerifyAsync("no-such-workspace", Ct));
    }

    [Fact]
    public async Task Verify_OneByteOfContentAndOneMetadataValueChanged_NamesBothRecordsModifiedAndNothingElse()
    {
        await using var storage = await ChainedStorageAsync(60);
        var stored = await ReadAllAsync(storage, "ws-a");
        var withPrompt = stored.First(r => r.PromptText is { Length: > 2 } && r.Seq > 3).Seq;
        var other = stored.First(r => r.Seq > withPrompt + 2).Seq;

        await storage.ExecuteSqlAsync(
            $"UPDATE records SET prompt_text = 'X' || substr(prompt_text, 2) WHERE workspace_id = 'ws-a' AND seq = {withPrompt}", Ct);
        await storage.ExecuteSqlAsync($"UPDATE records SET input_tokens = input_tokens + 1 WHERE workspace_id = 'ws-a' AND seq = {other}", Ct);
        var result = await VerifyAsync(storage);

        Assert.False(result.Valid);
        Assert.Collection(
            result.Problems,
            p => Assert.Equal((ChainProblemKind.Modified, withPrompt, "content"), (p.Kind, p.Seq, p.Detail.Contains("content", StringComparison.Ordinal) ? "content" : p.Detail)),
            p => Assert.Equal((ChainProblemKind.Modified, other, "metadata"), (p.Kind, p.Seq, p.Detail.Contains("metadata", StringComparison.Ordinal) ? "metadata" : p.Detail)));
    }

    [Fact]
    public async Task Verify_OneRecordDeleted_NamesTheMissingSeqOnly()
    {
        await using var storage = await ChainedStorageAsync(40);

        await storage.ExecuteSqlAsync("DELETE FROM records WHERE workspace_id = 'ws-a' AND seq = 17", Ct);
        var middle = await VerifyAsync(storage);
        await storage.ExecuteSqlAsync("DELETE FROM records WHERE workspace_id = 'ws-a' AND seq = 41", Ct);
        var last = await VerifyAsync(storage);

        Assert.Equal([new ChainProblem(ChainProblemKind.Missing, 17, 17, "the record at seq 17 is missing")], middle.Problems);
        Assert.Equal(
            [(ChainProblemKind.Missing, 17L, (long?)17L), (ChainProblemKind.Missing, 41L, 41L)],
            last.Problems.Select(p => (p.Kind, p.Seq, p.ToSeq)));
    }

    [Fact]
    public async Task Verify_TwoRecordsSwapped_NamesThePairReordered()
    {
        await using var storage = await ChainedStorageAsync(40);

        await SwapAsync(storage, 5, 9);
        await SwapAsync(storage, 20, 21);
        var result = await VerifyAsync(storage);

        Assert.Equal(
            [(ChainProblemKind.Reordered, 5L, (long?)9L), (ChainProblemKind.Reordered, 20L, 21L)],
            result.Problems.Select(p => (p.Kind, p.Seq, p.ToSeq)));
    }

    [Fact]
    public async Task Verify_ChainRewrittenAfterAChange_SealedFileHeadNamesTheRewrite()
    {
        await using var storage = await ChainedStorageAsync(30);
        var stored = await ReadAllAsync(storage, "ws-a");
        Assert.NotNull(await storage.ComplianceLogs.SealAsync(Build(stored[..20], Start), Ct));
        var before = await VerifyAsync(storage);

        // Someone with database access changes seq 4 and recomputes every hash after it, head included.
        await storage.ExecuteSqlAsync("UPDATE records SET model = 'forged' WHERE workspace_id = 'ws-a' AND seq = 4", Ct);
        await storage.ExecuteSqlAsync("UPDATE records SET content_sha256 = NULL, chain_sha256 = NULL WHERE workspace_id = 'ws-a' AND seq >= 4", Ct);
        await storage.ExecuteSqlAsync("UPDATE record_chain_heads SET head_seq = 3 WHERE workspace_id = 'ws-a'", Ct);
        await storage.ExecuteSqlAsync(
            "UPDATE record_chain_heads SET head_sha256 = (SELECT chain_sha256 FROM records WHERE workspace_id = 'ws-a' AND seq = 3) WHERE workspace_id = 'ws-a'", Ct);
        await storage.MigrateAsync(Ct);
        var result = await VerifyAsync(storage);

        Assert.True(before.Valid);
        var problem = Assert.Single(result.Problems);
        Assert.Equal((ChainProblemKind.AnchorMismatch, 20L), (problem.Kind, problem.Seq));
        Assert.StartsWith("log_file:", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_RecordsStoredWithoutHashes_ChainedInSeqOrderAndWritingContinues()
    {
        await using var storage = await ChainedStorageAsync(30);
        var before = await VerifyAsync(storage);
        await storage.ExecuteSqlAsync("UPDATE records SET content_sha256 = NULL, chain_sha256 = NULL", Ct);
        await storage.ExecuteSqlAsync("DELETE FROM record_chain_heads", Ct);
        var unchained = await VerifyAsync(storage);

        await storage.MigrateAsync(Ct);
        await storage.Writer.AppendAsync(SampleActivity.Generate("ws-a", 10, seed: 93, Start), Ct);
        var after = await VerifyAsync(storage);

        Assert.Equal(31, unchained.Problems.Count(p => p.Kind == ChainProblemKind.Unchained));
        Assert.True(after.Valid, string.Join("; ", after.Problems));
        Assert.Equal(41, after.RecordsChecked);
        Assert.Equal(before.HeadSha256, (await ReadChainAsync(storage, 31)).ChainSha256 is { } h ? Convert.ToHexStringLower(h) : null);
    }

    /// <summary>ws-a with sample activity (in two commits) plus one record whose values stress the encoding; ws-b with 5.</summary>
    [Fact]
    public async Task Append_AttributesWithEscapesAndLargeValues_StoredTextAndHashesAreThoseOfTheStringEncoding()
    {
        await using var storage = await StorageWithWorkspacesAsync("ws-a");
        // JSON escapes, HTML-sensitive and non-ASCII text, and values larger than any buffer the writer starts with.
        var big = string.Concat(Enumerable.Repeat("값✓🚀 \"quoted\" \\ <b>&amp;</b>\n\t\u0001\u2028 ", 2_000));
        var first = new RecordBuilder("ws-a", Start).Kind(RecordKind.UserPrompt).By(email: "Ünïcode@example.com")
            .Content(big, "r")
            .Attributes(new JsonObject { ["big"] = big, ["list"] = new JsonArray(big, 1.5, true, null), ["k\"ey ✓"] = "<&>" })
            .Build();
        var second = new RecordBuilder("ws-a", Start.AddSeconds(1)).Attributes(new JsonObject { ["small"] = "x" }).Build();
        var third = new RecordBuilder("ws-a", Start.AddSeconds(2)).Build();
        await storage.Writer.AppendAsync([first, second, third], Ct);

        var previous = RecordChain.Genesis.ToArray();
        foreach (var (seq, sent) in new[] { (1L, first), (2L, second), (3L, third) })
        {
            var stored = await ReadChainAsync(storage, seq);
            Assert.Equal(sent.Attributes?.ToJsonString(), stored.Record.Attributes?.ToJsonString());
            Assert.Equal(sent.PromptText, stored.Record.PromptText);
            var contentHash = RecordChain.ContentHash(sent);
            Assert.Equal(contentHash, stored.ContentSha256);
            // The string path of the hash, over the stored record's metadata with the attributes as they were sent.
            var expected = RecordChain.Link(previous, stored.Record, contentHash, RecordChain.ActorJsonOf(stored.Record), sent.Attributes?.ToJsonString());
            Assert.Equal(expected, stored.ChainSha256);
            previous = expected;
        }
    }

    private async Task<ITestStorage> ChainedStorageAsync(int count)
    {
        var storage = await StorageWithWorkspacesAsync("ws-a", "ws-b");
        var sample = SampleActivity.Generate("ws-a", count, seed: 91, Start);
        await storage.Writer.AppendAsync(sample[..(count / 2)], Ct);
        await storage.Writer.AppendAsync(sample[(count / 2)..], Ct);
        await storage.Writer.AppendAsync(SampleActivity.Generate("ws-b", 5, seed: 92, Start), Ct);
        // Sub-microsecond ticks, an offset, money beyond six decimals, CJK text and nested attributes: what each engine
        // keeps of them must hash as the writer hashed them.
        var odd = new RecordBuilder("ws-a", Start.AddTicks(12_345_678).ToOffset(TimeSpan.FromHours(9)))
            .Kind(RecordKind.UserPrompt).Content("키AKIA 비밀 ✓", "응답").Money(0.1234567m, 12.5m)
            .Attributes(new JsonObject { ["한글"] = "값 <&>", ["n"] = 1.50, ["nested"] = new JsonObject { ["a"] = new JsonArray(1, "b", null) } })
            .Build();
        await storage.Writer.AppendAsync([odd], Ct);
        return storage;
    }

    protected static async Task<ChainVerification> VerifyAsync(ITestStorage storage) =>
        (await new RecordChainVerifier(storage.Chain).VerifyAsync("ws-a", Ct))!;

    private static async Task<ChainedRecord> ReadChainAsync(ITestStorage storage, long seq) =>
        (await storage.Chain.ReadAfterSeqAsync("ws-a", seq - 1, 1, Ct)).Single();

    /// <summary>Swaps the seqs of two stored rows, hashes and all: the records trade places in the order.</summary>
    private static async Task SwapAsync(ITestStorage storage, long a, long b)
    {
        await storage.ExecuteSqlAsync($"UPDATE records SET seq = -1 WHERE workspace_id = 'ws-a' AND seq = {a}", Ct);
        await storage.ExecuteSqlAsync($"UPDATE records SET seq = {a} WHERE workspace_id = 'ws-a' AND seq = {b}", Ct);
        await storage.ExecuteSqlAsync($"UPDATE records SET seq = {b} WHERE workspace_id = 'ws-a' AND seq = -1", Ct);
    }
}
