using AgentLedger.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace AgentLedger.Storage.Tests;

/// <summary>
/// SQLite only: the page size of new stores (16 KiB, so that a multi-kilobyte OTLP record fits in one page instead of
/// spilling to overflow pages), while a store created with 4 KiB pages by an older build keeps its own.
/// </summary>
public sealed partial class SqliteStorageTests
{
    [Fact]
    public async Task Create_NewStore_16KiBPagesAndRecordsChainAndVerify()
    {
        await using var storage = await CreateStorageAsync(Time);
        var sqlite = (SqliteTestStorage)storage;
        await storage.Workspaces.EnsureWorkspaceAsync("ws-a", "A", Ct);
        var outcomes = await storage.Writer.AppendAsync(SampleActivity.Generate("ws-a", 50, seed: 94, Start), Ct);

        Assert.Equal((long)SqliteDatabase.PageSize, await ScalarAsync(sqlite, "PRAGMA page_size"));
        Assert.Equal(50, outcomes.Count(o => o.Stored));
        Assert.True((await VerifyAsync(storage)).Valid);
    }

    [Fact]
    public async Task Migrate_StoreCreatedWith4KiBPages_KeepsItsPageSizeAndStoresRecords()
    {
        var folder = System.IO.Directory.CreateTempSubdirectory("agentledger-sqlite-4k-").FullName;
        var path = Path.Combine(folder, "agentledger.db");
        await using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await connection.OpenAsync(Ct);
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA page_size=4096; PRAGMA journal_mode=WAL; CREATE TABLE created_by_an_older_build (x INTEGER);";
            await command.ExecuteNonQueryAsync(Ct);
        }

        await using var storage = await SqliteTestStorage.CreateAtAsync(path, Time, ownedFolder: folder, Ct);
        await storage.Workspaces.EnsureWorkspaceAsync("ws-a", "A", Ct);
        var outcomes = await storage.Writer.AppendAsync(SampleActivity.Generate("ws-a", 50, seed: 95, Start), Ct);

        Assert.Equal(4096L, await ScalarAsync(storage, "PRAGMA page_size"));
        Assert.Equal(50, outcomes.Count(o => o.Stored));
        Assert.True((await VerifyAsync(storage)).Valid);
    }

    private static async Task<object?> ScalarAsync(SqliteTestStorage storage, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={storage.DatabasePath};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(Ct);
    }
}
