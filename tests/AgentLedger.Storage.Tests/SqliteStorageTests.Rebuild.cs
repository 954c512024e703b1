using AgentLedger.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace AgentLedger.Storage.Tests;

/// <summary>SQLite only: <c>agentledger rebuild</c> gives a store created with 4 KiB pages the current page size, keeping every record and hash.</summary>
public sealed partial class SqliteStorageTests
{
    [Fact]
    public async Task Rebuild_StoreWith4KiBPages_Gets16KiBPagesAndKeepsRecordsAndChain()
    {
        var (path, folder) = await Create4KiBStoreFileAsync();
        List<string> before;
        await using (var storage = await SqliteTestStorage.CreateAtAsync(path, Time, ownedFolder: null, Ct))
        {
            await storage.Workspaces.EnsureWorkspaceAsync("ws-a", "A", Ct);
            await storage.Writer.AppendAsync(SampleActivity.Generate("ws-a", 300, seed: 96, Start), Ct);
            before = (await ReadAllAsync(storage, "ws-a")).Select(r => $"{r.Seq} {r.EventId} {r.OccurredAt:O} {r.PromptText}").ToList();
        }

        SqliteConnection.ClearAllPools();
        var outcome = await SqliteStoreRebuild.RunAsync(path, null, Ct);

        Assert.Equal((4096L, (long)SqliteDatabase.PageSize, true), (outcome.PageSizeBefore, outcome.PageSizeAfter, outcome.Rebuilt));
        await using var rebuilt = await SqliteTestStorage.CreateAtAsync(path, Time, ownedFolder: folder, Ct);
        Assert.Equal((long)SqliteDatabase.PageSize, await ScalarAsync(rebuilt, "PRAGMA page_size"));
        Assert.Equal("wal", await ScalarAsync(rebuilt, "PRAGMA journal_mode"));
        Assert.Equal(before, (await ReadAllAsync(rebuilt, "ws-a")).Select(r => $"{r.Seq} {r.EventId} {r.OccurredAt:O} {r.PromptText}"));
        Assert.True((await VerifyAsync(rebuilt)).Valid);
        Assert.Equal(new(true, 301), (await rebuilt.Writer.AppendAsync(SampleActivity.Generate("ws-a", 1, seed: 97, Start.AddDays(3)), Ct))[0]);
    }

    [Fact]
    public async Task Rebuild_StoreInUse_RefusesAndChangesNothing()
    {
        var (path, folder) = await Create4KiBStoreFileAsync();
        await using var storage = await SqliteTestStorage.CreateAtAsync(path, Time, ownedFolder: folder, Ct);
        await storage.Workspaces.EnsureWorkspaceAsync("ws-a", "A", Ct);
        await storage.Writer.AppendAsync(SampleActivity.Generate("ws-a", 20, seed: 98, Start), Ct); // the writer keeps its connection open

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => SqliteStoreRebuild.RunAsync(path, null, Ct));

        Assert.Contains("is in use: stop the AgentLedger server", error.Message, StringComparison.Ordinal);
        Assert.Equal(4096L, await ScalarAsync(storage, "PRAGMA page_size"));
        Assert.Equal(21, (await storage.Writer.AppendAsync(SampleActivity.Generate("ws-a", 1, seed: 99, Start.AddDays(3)), Ct))[0].Seq);
    }

    [Fact]
    public async Task Rebuild_NotEnoughFreeDisk_RefusesAndChangesNothing()
    {
        var (path, folder) = await Create4KiBStoreFileAsync();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => SqliteStoreRebuild.RunAsync(path, _ => 1024, Ct));

        Assert.Contains("free on its volume", error.Message, StringComparison.Ordinal);
        await using var storage = await SqliteTestStorage.CreateAtAsync(path, Time, ownedFolder: folder, Ct);
        Assert.Equal(4096L, await ScalarAsync(storage, "PRAGMA page_size"));
    }

    [Fact]
    public async Task Rebuild_StoreAlreadyAtThePageSize_DoesNothing()
    {
        await using var storage = await CreateStorageAsync(Time);
        var path = ((SqliteTestStorage)storage).DatabasePath;

        var outcome = await SqliteStoreRebuild.RunAsync(path, _ => 0, Ct);

        Assert.False(outcome.Rebuilt);
        Assert.Equal((long)SqliteDatabase.PageSize, outcome.PageSizeAfter);
    }

    [Fact]
    public async Task Rebuild_NoStoreAtThePath_SaysWhere()
    {
        var path = Path.Combine(Path.GetTempPath(), "agentledger-missing-" + Guid.NewGuid().ToString("N"), "agentledger.db");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => SqliteStoreRebuild.RunAsync(path, null, Ct));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(path));
    }

    /// <summary>A file created the way an older build created stores (4 KiB pages, WAL), not yet migrated.</summary>
    private static async Task<(string Path, string Folder)> Create4KiBStoreFileAsync()
    {
        var folder = System.IO.Directory.CreateTempSubdirectory("agentledger-sqlite-rebuild-").FullName;
        var path = Path.Combine(folder, "agentledger.db");
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA page_size=4096; PRAGMA journal_mode=WAL; CREATE TABLE created_by_an_older_build (x INTEGER);";
        await command.ExecuteNonQueryAsync(Ct);
        return (path, folder);
    }
}
