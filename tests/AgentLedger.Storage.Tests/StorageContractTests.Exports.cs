using AgentLedger.Core.Compliance;
using AgentLedger.Core.Records;

namespace AgentLedger.Storage.Tests;

public abstract partial class StorageContractTests
{
    [Fact]
    public async Task ExportJobs_Lifecycle_QueuedClaimedProgressedCompletedAsStored()
    {
        await using var storage = await StorageWithWorkspacesAsync("ws-a");
        var job = NewExportJob("ws-a", Start);
        await storage.Exports.CreateAsync(job, Ct);

        Assert.Equal(job, await storage.Exports.FindAsync("ws-a", job.Id, Ct), ExportJobComparer.Instance);
        var claimed = await storage.Exports.ClaimNextAsync(Start.AddSeconds(1), Ct);
        Assert.Equal(job with { Status = ExportStatus.Running, StartedAt = Start.AddSeconds(1) }, claimed, ExportJobComparer.Instance);
        await storage.Exports.UpdateProgressAsync("ws-a", job.Id, 500, 120, 4096, Ct);
        var files = new List<ExportFile> { new("records.ndjson", 4000, 120, new string('a', 64)), new("manifest.json", 96, null, new string('b', 64)) };
        await storage.Exports.CompleteAsync("ws-a", job.Id, Start.AddSeconds(9), 120, 4096, files, Ct);

        var done = await storage.Exports.FindAsync("ws-a", job.Id, Ct);
        Assert.Equal(
            job with
            {
                Status = ExportStatus.Completed, StartedAt = Start.AddSeconds(1), CompletedAt = Start.AddSeconds(9), UptoSeq = 500,
                RecordCount = 120, Bytes = 4096, Files = files,
            },
            done, ExportJobComparer.Instance);
        Assert.Null(await storage.Exports.ClaimNextAsync(Start.AddSeconds(10), Ct));
        Assert.Null(await storage.Exports.FindAsync("ws-b", job.Id, Ct));
    }

    [Fact]
    public async Task ExportJobs_ClaimNext_OldestQueuedFirstThenAJobLeftRunningIsStartedAgain()
    {
        await using var storage = await StorageWithWorkspacesAsync("ws-a", "ws-b");
        var older = NewExportJob("ws-b", Start);
        var newer = NewExportJob("ws-a", Start.AddMinutes(1));
        await storage.Exports.CreateAsync(newer, Ct);
        await storage.Exports.CreateAsync(older, Ct);

        var first = await storage.Exports.ClaimNextAsync(Start.AddMinutes(2), Ct);
        await storage.Exports.FailAsync(first!.WorkspaceId, first.Id, Start.AddMinutes(3), "disk full", Ct);
        var second = await storage.Exports.ClaimNextAsync(Start.AddMinutes(4), Ct);
        await storage.Exports.UpdateProgressAsync("ws-a", second!.Id, 10, 5, 50, Ct);
        // the instance running it stops; the next lease holder finds it running and starts it over
        var again = await storage.Exports.ClaimNextAsync(Start.AddMinutes(5), Ct);

        Assert.Equal(older.Id, first.Id);
        Assert.Equal(newer.Id, second.Id);
        Assert.Equal((newer.Id, ExportStatus.Running, (long?)null, 0L, Start.AddMinutes(5)),
            (again!.Id, again.Status, again.UptoSeq, again.RecordCount, again.StartedAt!.Value));
        var failed = await storage.Exports.FindAsync("ws-b", older.Id, Ct);
        Assert.Equal((ExportStatus.Failed, "disk full", Start.AddMinutes(3)), (failed!.Status, failed.Error, failed.CompletedAt!.Value));
    }

    [Fact]
    public async Task ExportJobs_List_NewestFirstPagedByIdWithinTheWorkspace()
    {
        await using var storage = await StorageWithWorkspacesAsync("ws-a", "ws-b");
        var jobs = Enumerable.Range(0, 5).Select(i => NewExportJob("ws-a", Start.AddMinutes(i))).ToList();
        foreach (var job in jobs)
        {
            await storage.Exports.CreateAsync(job, Ct);
        }

        await storage.Exports.CreateAsync(NewExportJob("ws-b", Start), Ct);

        var page1 = await storage.Exports.ListAsync("ws-a", null, 3, Ct);
        var page2 = await storage.Exports.ListAsync("ws-a", page1[^1].Id, 3, Ct);

        Assert.Equal(jobs.Select(j => j.Id).Reverse(), page1.Concat(page2).Select(j => j.Id));
    }

    private static ExportJob NewExportJob(string workspaceId, DateTimeOffset at) => new()
    {
        WorkspaceId = workspaceId,
        Id = RecordIds.NewId(at),
        Status = ExportStatus.Queued,
        Filter = new RecordFilter
        {
            StartTime = at.AddDays(-7), EndTime = at, UserEmails = ["ada@example.com"], Agents = [Agent.Codex], Text = "secret “project”",
        },
        RequestedBy = AuditActor.ApiKey("0123456789abcdef", "legal hold key"),
        Justification = "Matter 2026-17",
        CreatedAt = at,
    };

    /// <summary>Jobs are equal when every field is, with the filter and files compared by value.</summary>
    private sealed class ExportJobComparer : IEqualityComparer<ExportJob?>
    {
        public static readonly ExportJobComparer Instance = new();

        public bool Equals(ExportJob? x, ExportJob? y) =>
            x is not null && y is not null
            && RecordFilterJson.ToJson(x.Filter).ToJsonString() == RecordFilterJson.ToJson(y.Filter).ToJsonString()
            && x.Files.SequenceEqual(y.Files)
            && (x with { Filter = RecordFilter.None, Files = [] }) == (y with { Filter = RecordFilter.None, Files = [] });

        public int GetHashCode(ExportJob? obj) => obj?.Id.GetHashCode(StringComparison.Ordinal) ?? 0;
    }
}
