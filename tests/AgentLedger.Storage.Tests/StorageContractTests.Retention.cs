using System.IO.Compression;
using AgentLedger.Core.Compliance;
using AgentLedger.Core.Integrity;
using AgentLedger.Core.Records;
using AgentLedger.Core.Retention;

namespace AgentLedger.Storage.Tests;

/// <summary>
/// Retention and legal holds (ADR 0005) against the fake clock: what expires goes, what is held stays, and the chain
/// verifies after every purge.
/// </summary>
public abstract partial class StorageContractTests
{
    private static readonly DateTimeOffset January = new(2026, 1, 5, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset February = new(2026, 2, 15, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task PurgeContent_ExpiredContentClearedHeldContentKept_FilesPurgedWithTheirRecords_ChainStillVerifies()
    {
        await using var storage = await RetentionStorageAsync();
        var stored = await ReadAllAsync(storage, "ws-a");
        var aliceFile = (await storage.ComplianceLogs.SealAsync(Build(stored[..5], Start), Ct))!;
        var bobFile = (await storage.ComplianceLogs.SealAsync(Build(stored[5..12], Start.AddMinutes(1)), Ct))!;
        await storage.Holds.CreateAsync(Hold("ws-a", "hold-bob", new RecordFilter { UserEmails = ["bob@example.com"] }), Ct);

        // Content kept 30 days: January's records expire, February's (and March's) do not.
        var result = await storage.Retention.PurgeContentAsync("ws-a", Time.GetUtcNow().AddDays(-30), Time.GetUtcNow(), Ct);
        var again = await storage.Retention.PurgeContentAsync("ws-a", Time.GetUtcNow().AddDays(-30), Time.GetUtcNow(), Ct);
        var after = await ReadAllAsync(storage, "ws-a");
        var verification = (await new RecordChainVerifier(storage.Chain).VerifyAsync("ws-a", Ct))!;

        Assert.Equal(new ContentPurgeResult(5, 1, 5), result);
        Assert.Equal(new ContentPurgeResult(0, 0, 5), again);
        Assert.All(after[..5], r => Assert.Equal((null, null, null, null), (r.PromptText, r.ResponseText, r.ToolInput, r.ToolOutput)));
        Assert.All(after[..5], r => Assert.Equal(stored[(int)r.Seq - 1] with { PromptText = null, ResponseText = null, ToolInput = null, ToolOutput = null, Attributes = null }, r with { Attributes = null }));
        Assert.Equal(stored[5..].Select(r => r.PromptText), after[5..].Select(r => r.PromptText));
        Assert.Empty((await storage.ComplianceLogs.ReadContentAsync("ws-a", aliceFile.Id, Ct))!);
        Assert.Equal(bobFile.FileSha256, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
            Gunzip((await storage.ComplianceLogs.ReadContentAsync("ws-a", bobFile.Id, Ct))!))));
        Assert.True(verification.Valid, string.Join("; ", verification.Problems));
        Assert.Equal((20L, 5L, 3), (verification.RecordsChecked, verification.ContentPurged, verification.AnchorsChecked));
        Assert.Equal(5, (await ReadAllAsync(storage, "ws-b")).Count(r => r.PromptText is not null));
    }

    [Fact]
    public async Task PurgeMetadata_ExpiredRunDeletedUpToTheFirstHeldRecord_ReleaseLetsItGo_ChainVerifiesFromTheCheckpoint()
    {
        await using var storage = await RetentionStorageAsync();
        var hold = Hold("ws-a", "hold-bob", new RecordFilter { UserEmails = ["bob@example.com"] });
        await storage.Holds.CreateAsync(hold, Ct);
        // Metadata kept 38 days: the cutoff (1 February, noon) is past January's end, before February's records.
        var cutoff = Time.GetUtcNow().AddDays(-38);

        var held = await storage.Retention.PurgeMetadataAsync("ws-a", cutoff, Time.GetUtcNow(), Ct);
        var whileHeld = (await new RecordChainVerifier(storage.Chain).VerifyAsync("ws-a", Ct))!;
        var remainingWhileHeld = (await ReadAllAsync(storage, "ws-a")).Select(r => r.Seq).ToList();
        Assert.NotNull(await storage.Holds.ReleaseAsync("ws-a", hold.Id, "key-1", Time.GetUtcNow(), Ct));
        var released = await storage.Retention.PurgeMetadataAsync("ws-a", cutoff, Time.GetUtcNow(), Ct);
        var afterRelease = (await new RecordChainVerifier(storage.Chain).VerifyAsync("ws-a", Ct))!;
        await storage.ExecuteSqlAsync("DELETE FROM records WHERE workspace_id = 'ws-a' AND seq = 12", Ct);
        var tampered = (await new RecordChainVerifier(storage.Chain).VerifyAsync("ws-a", Ct))!;

        Assert.Equal((5L, 5L), (held.Records, held.PurgedThroughSeq));
        Assert.Equal(Enumerable.Range(6, 15).Select(i => (long)i), remainingWhileHeld);
        Assert.True(whileHeld.Valid, string.Join("; ", whileHeld.Problems));
        Assert.Equal((15L, 5L), (whileHeld.RecordsChecked, whileHeld.PurgedThroughSeq));
        Assert.Equal((5L, 10L), (released.Records, released.PurgedThroughSeq));
        Assert.True(released.DroppedPartitions is [] or ["records_p202601"], string.Join(", ", released.DroppedPartitions));
        Assert.True(afterRelease.Valid, string.Join("; ", afterRelease.Problems));
        Assert.Equal((10L, 10L, 20L), (afterRelease.RecordsChecked, afterRelease.PurgedThroughSeq, afterRelease.LastSeq));
        Assert.Equal([(ChainProblemKind.Missing, 12L)], tampered.Problems.Select(p => (p.Kind, p.Seq)));
        Assert.Equal(5, (await ReadAllAsync(storage, "ws-b")).Count);
    }

    [Fact]
    public async Task PurgeMetadata_NothingExpired_DeletesNothing()
    {
        await using var storage = await RetentionStorageAsync();

        var result = await storage.Retention.PurgeMetadataAsync("ws-a", January.AddDays(-1), Time.GetUtcNow(), Ct);
        var none = await storage.Retention.PurgeMetadataAsync("no-such-workspace", Time.GetUtcNow(), Time.GetUtcNow(), Ct);

        Assert.Equal((0L, 0L), (result.Records, result.PurgedThroughSeq));
        Assert.Equal(0, none.Records);
        Assert.Equal(20, (await ReadAllAsync(storage, "ws-a")).Count);
    }

    [Fact]
    public async Task LegalHolds_CreateUpdateRelease_RoundTripPerWorkspace()
    {
        await using var storage = await StorageWithWorkspacesAsync("ws-a", "ws-b");
        var hold = Hold("ws-a", "hold-1", new RecordFilter { UserEmails = ["bob@example.com"], StartTime = January, Text = "Falcon" });
        await storage.Holds.CreateAsync(hold, Ct);
        var changedFilter = new RecordFilter { UserIds = ["user-1"], EndTime = February };

        var updated = await storage.Holds.UpdateAsync("ws-a", "hold-1", "Matter 17", "litigation", changedFilter, Time.GetUtcNow().AddHours(1), Ct);
        var wrongWorkspace = await storage.Holds.UpdateAsync("ws-b", "hold-1", "x", null, changedFilter, Time.GetUtcNow(), Ct);
        var released = await storage.Holds.ReleaseAsync("ws-a", "hold-1", "key-9", Time.GetUtcNow().AddHours(2), Ct);
        var releasedTwice = await storage.Holds.ReleaseAsync("ws-a", "hold-1", "key-9", Time.GetUtcNow().AddHours(3), Ct);
        var updateReleased = await storage.Holds.UpdateAsync("ws-a", "hold-1", "y", null, changedFilter, Time.GetUtcNow(), Ct);

        Assert.Equal(hold with { Name = "Matter 17", Reason = "litigation", Filter = changedFilter, UpdatedAt = Time.GetUtcNow().AddHours(1) },
            updated! with { Filter = changedFilter });
        Assert.Equal(RecordFilterJson.ToJson(changedFilter).ToJsonString(), RecordFilterJson.ToJson(updated.Filter).ToJsonString());
        Assert.Null(wrongWorkspace);
        Assert.Equal((Time.GetUtcNow().AddHours(2), "key-9", false), (released!.ReleasedAt, released.ReleasedBy, released.IsActive));
        Assert.Null(releasedTwice);
        Assert.Null(updateReleased);
        Assert.Empty(await storage.Holds.ListAsync("ws-a", includeReleased: false, Ct));
        Assert.Single(await storage.Holds.ListAsync("ws-a", includeReleased: true, Ct));
        Assert.Empty(await storage.Holds.ListAsync("ws-b", includeReleased: true, Ct));
    }

    /// <summary>
    /// ws-a: seq 1-5 by alice and 6-10 by bob in January, 11-15 in February, 16-20 on 10 March, every one with a prompt;
    /// ws-b: 5 records in January. The clock is 11 March.
    /// </summary>
    private async Task<ITestStorage> RetentionStorageAsync()
    {
        var storage = await StorageWithWorkspacesAsync("ws-a", "ws-b");
        var records = new List<ActivityRecord>();
        for (var i = 0; i < 20; i++)
        {
            var at = i < 10 ? January.AddHours(i) : i < 15 ? February.AddHours(i) : Time.GetUtcNow().AddDays(-1).AddMinutes(i);
            records.Add(new RecordBuilder("ws-a", at, $"ret-{i}").Kind(RecordKind.UserPrompt).By(i < 5 ? "alice@example.com" : "bob@example.com")
                .Content($"prompt {i} Falcon", i % 2 == 0 ? $"response {i}" : null).Tokens(10, 0, 5, 0).Build());
        }

        await storage.Writer.AppendAsync(records, Ct);
        await storage.Writer.AppendAsync(
            Enumerable.Range(0, 5).Select(i => new RecordBuilder("ws-b", January.AddHours(i), $"ret-b-{i}").Kind(RecordKind.UserPrompt)
                .By("carol@example.com").Content($"other {i}", null).Build()).ToList(), Ct);
        return storage;
    }

    private LegalHold Hold(string workspaceId, string id, RecordFilter filter) => new()
    {
        WorkspaceId = workspaceId,
        Id = id,
        Name = "Matter " + id,
        Filter = filter,
        CreatedAt = Time.GetUtcNow(),
        CreatedBy = "key-1",
        UpdatedAt = Time.GetUtcNow(),
    };
}
