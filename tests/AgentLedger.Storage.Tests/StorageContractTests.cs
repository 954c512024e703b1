using AgentLedger.Core.Records;
using Microsoft.Extensions.Time.Testing;

namespace AgentLedger.Storage.Tests;

/// <summary>
/// The storage contract, written once and run against every engine (one sealed subclass each, as Dapper's tests
/// do). Each test gets a freshly migrated database of its own and asserts on data it wrote itself.
/// </summary>
public abstract partial class StorageContractTests
{
    /// <summary>Early March, so that the sample's 30 hours and the late events below stay clear of a month end.</summary>
    protected static readonly DateTimeOffset Start = new(2026, 3, 9, 8, 0, 0, TimeSpan.Zero);

    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 11, 12, 0, 0, TimeSpan.Zero));

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A new, empty, migrated database of the engine under test, with stores over it.</summary>
    protected abstract Task<ITestStorage> CreateStorageAsync(TimeProvider time);

    protected async Task<ITestStorage> StorageWithWorkspacesAsync(params string[] workspaceIds)
    {
        var storage = await CreateStorageAsync(Time);
        foreach (var id in workspaceIds)
        {
            await storage.Workspaces.EnsureWorkspaceAsync(id, "Workspace " + id, Ct);
        }

        return storage;
    }

    /// <summary>Every record of the workspace, read page by page on the seq cursor.</summary>
    protected static async Task<List<ActivityRecord>> ReadAllAsync(ITestStorage storage, string workspaceId, int pageSize = 100)
    {
        var all = new List<ActivityRecord>();
        var after = 0L;
        while (true)
        {
            var page = await storage.Reader.ReadAfterSeqAsync(workspaceId, after, pageSize, Ct);
            all.AddRange(page);
            if (page.Count < pageSize)
            {
                return all;
            }

            after = page[^1].Seq;
        }
    }

    /// <summary>What the caller sent, without what storage adds (seq, user, team) and with attributes as text.</summary>
    protected static (ActivityRecord Record, string? Attributes) AsSent(ActivityRecord record) =>
        (record with { Seq = 0, UserId = null, Team = null, Attributes = null }, record.Attributes?.ToJsonString());

    protected static void AssertSeqIsOneToN(IEnumerable<ActivityRecord> records)
    {
        var seqs = records.Select(r => r.Seq).ToList();
        Assert.Equal(Enumerable.Range(1, seqs.Count).Select(i => (long)i), seqs);
    }
}
