using System.Text.Json;
using AgentLedger.Core.Compliance;
using AgentLedger.Core.Records;
using AgentLedger.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace AgentLedger.Storage.Tests;

/// <summary>
/// SQLite only: migration 0014 (records from WITHOUT ROWID to a rowid table with a unique (workspace_id, seq) index) and
/// the 16 KiB page size of new stores. A store written in the old layout must read back byte for byte the same, verify,
/// and go on deduplicating and chaining after the migration.
/// </summary>
public sealed partial class SqliteStorageTests
{
    [Fact]
    public async Task Migrate0014_StoreWrittenWithoutRowid_EveryStoredByteReadsAndChainKeptDuplicatesStillFound()
    {
        await using var storage = await ChainedStorageAsync(120);
        var sqlite = (SqliteTestStorage)storage;
        await storage.ExecuteSqlAsync(PreviousLayout, Ct);
        Assert.Contains("WITHOUT ROWID", await RecordsTableSqlAsync(sqlite), StringComparison.Ordinal);
        // written in the old layout: more records (one commit with a retried half), a content purge, a second workspace
        var later = SampleActivity.Generate("ws-a", 80, seed: 93, Start.AddDays(1));
        await storage.Writer.AppendAsync(later[..50], Ct);
        await storage.Writer.AppendAsync(later[25..], Ct);
        await storage.Retention.PurgeContentAsync("ws-a", Start.AddHours(6), Start.AddDays(3), Ct);
        var rowsBefore = await DumpRecordsAsync(sqlite);
        var readsBefore = await DescribeReadsAsync(storage);
        var verifiedBefore = await VerifyAsync(storage);
        Assert.True(verifiedBefore.Valid, string.Join("; ", verifiedBefore.Problems));
        Assert.Contains(rowsBefore, r => r.Contains("content_purged_at=integer:", StringComparison.Ordinal));

        Assert.Equal(1, await storage.MigrateAsync(Ct));

        Assert.DoesNotContain("WITHOUT ROWID", await RecordsTableSqlAsync(sqlite), StringComparison.Ordinal);
        Assert.Equal(
            ["ix_records_content_purge", "ix_records_occurred", "ix_records_session", "ix_records_user", "ux_records_event", "ux_records_seq"],
            await RecordsIndexesAsync(sqlite));
        Assert.Equal(rowsBefore, await DumpRecordsAsync(sqlite));
        Assert.Equal(readsBefore, await DescribeReadsAsync(storage));
        var verifiedAfter = await VerifyAsync(storage);
        Assert.True(verifiedAfter.Valid, string.Join("; ", verifiedAfter.Problems));
        Assert.Equal((verifiedBefore.RecordsChecked, verifiedBefore.HeadSha256), (verifiedAfter.RecordsChecked, verifiedAfter.HeadSha256));

        // the unique indexes hold: re-sent records are duplicates, a repeated seq is refused
        var resent = await storage.Writer.AppendAsync(later, Ct);
        Assert.All(resent, o => Assert.False(o.Stored));
        var error = await Assert.ThrowsAsync<SqliteException>(() => storage.ExecuteSqlAsync(
            """
            CREATE TEMP TABLE copy AS SELECT * FROM records WHERE workspace_id = 'ws-a' AND seq = 5;
            UPDATE copy SET event_id = 'another-event', record_id = 'another-record';
            INSERT INTO records SELECT * FROM copy;
            """, Ct));
        Assert.Contains("UNIQUE constraint failed: records.workspace_id, records.seq", error.Message, StringComparison.Ordinal);
        // and the writer goes on from the migrated head
        var lastSeq = verifiedAfter.LastSeq;
        var next = await storage.Writer.AppendAsync(SampleActivity.Generate("ws-a", 30, seed: 94, Start.AddDays(2)), Ct);
        Assert.Equal(Enumerable.Range(1, 30).Select(i => lastSeq + i), next.Select(o => o.Seq));
        var verifiedLast = await VerifyAsync(storage);
        Assert.True(verifiedLast.Valid, string.Join("; ", verifiedLast.Problems));
        Assert.Equal(verifiedAfter.RecordsChecked + 30, verifiedLast.RecordsChecked);
    }

    [Fact]
    public async Task Create_NewStore_16KiBPagesAndRecordsInARowidTable()
    {
        await using var storage = await CreateStorageAsync(Time);
        var sqlite = (SqliteTestStorage)storage;

        Assert.Equal((long)SqliteDatabase.PageSize, await ScalarAsync(sqlite, "PRAGMA page_size"));
        Assert.DoesNotContain("WITHOUT ROWID", await RecordsTableSqlAsync(sqlite), StringComparison.Ordinal);
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

    /// <summary>The records table and its indexes as schema versions 1–13 left them (0001 plus the columns of 0005).</summary>
    private const string PreviousLayout = """
        CREATE TABLE records_v13 (
            workspace_id TEXT NOT NULL, seq INTEGER NOT NULL, record_id TEXT NOT NULL, event_id TEXT NOT NULL,
            occurred_at INTEGER NOT NULL, received_at INTEGER NOT NULL, source TEXT NOT NULL, kind TEXT NOT NULL, user_id TEXT,
            actor TEXT NOT NULL, team TEXT, client_ip TEXT, user_agent TEXT, agent TEXT NOT NULL, client_id TEXT NOT NULL,
            surface TEXT NOT NULL, client_version TEXT, session_id TEXT, turn_id TEXT, model TEXT, status TEXT, error TEXT,
            input_tokens INTEGER NOT NULL, cached_input_tokens INTEGER NOT NULL, output_tokens INTEGER NOT NULL,
            reasoning_tokens INTEGER NOT NULL, cost_usd_micros INTEGER, credits_micros INTEGER, duration_ms INTEGER,
            prompt_text TEXT, response_text TEXT, tool_name TEXT, tool_input TEXT, tool_output TEXT, review_repository TEXT,
            review_pull_request INTEGER, review_id TEXT, review_comment_id TEXT, review_priority TEXT, review_reaction TEXT,
            attributes TEXT, content_sha256 BLOB, chain_sha256 BLOB, content_purged_at INTEGER,
            PRIMARY KEY (workspace_id, seq)
        ) STRICT, WITHOUT ROWID;
        INSERT INTO records_v13 SELECT * FROM records;
        DROP TABLE records;
        ALTER TABLE records_v13 RENAME TO records;
        CREATE UNIQUE INDEX ux_records_event ON records (workspace_id, event_id);
        CREATE INDEX ix_records_occurred ON records (workspace_id, occurred_at);
        CREATE INDEX ix_records_user ON records (workspace_id, user_id, occurred_at);
        CREATE INDEX ix_records_session ON records (workspace_id, session_id, seq) WHERE session_id IS NOT NULL;
        CREATE INDEX ix_records_content_purge ON records (workspace_id, occurred_at) WHERE content_purged_at IS NULL;
        DELETE FROM schema_migrations WHERE version = 14;
        """;

    /// <summary>Every stored value of every row, with its storage class and exact bytes, in (workspace_id, seq) order.</summary>
    private static async Task<List<string>> DumpRecordsAsync(SqliteTestStorage storage)
    {
        await using var connection = new SqliteConnection($"Data Source={storage.DatabasePath};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync(Ct);
        var columns = new List<string>();
        await using (var info = connection.CreateCommand())
        {
            info.CommandText = "SELECT name FROM pragma_table_info('records') ORDER BY cid";
            await using var reader = await info.ExecuteReaderAsync(Ct);
            while (await reader.ReadAsync(Ct))
            {
                columns.Add(reader.GetString(0));
            }
        }

        Assert.Equal(44, columns.Count);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT " + string.Join(" || ' ' || ", columns.Select(c => $"'{c}=' || typeof({c}) || ':' || hex({c})"))
                              + " FROM records ORDER BY workspace_id, seq";
        var rows = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync(Ct))
        {
            while (await reader.ReadAsync(Ct))
            {
                rows.Add(reader.GetString(0));
            }
        }

        return rows;
    }

    /// <summary>What the readers return: the seq feed, a filtered compliance read, a session transcript, a user's sessions.</summary>
    private static async Task<List<string>> DescribeReadsAsync(ITestStorage storage)
    {
        var described = new List<string>();
        foreach (var ws in new[] { "ws-a", "ws-b" })
        {
            described.AddRange((await ReadAllAsync(storage, ws, pageSize: 37)).Select(Describe));
        }

        var all = await ReadAllAsync(storage, "ws-a");
        var filter = new RecordFilter { StartTime = Start.AddHours(3), Kinds = [RecordKind.UserPrompt, RecordKind.ToolResult] };
        described.AddRange((await storage.ComplianceReader.ReadAsync("ws-a", filter, 10, long.MaxValue, 1000, Ct)).Select(Describe));
        var session = all.First(r => r.SessionId is not null);
        described.AddRange((await storage.ComplianceReader.ReadSessionAsync("ws-a", session.SessionId!, 0, 1000, Ct)).Select(Describe));
        var user = all.First(r => r.UserId is not null).UserId!;
        var sessions = await storage.ComplianceReader.ListUserSessionsAsync("ws-a", user, Start.AddDays(-1), Start.AddDays(5), RecordFilter.None, 100, Ct);
        described.AddRange(sessions.Select(s => JsonSerializer.Serialize(s)));
        Assert.True(described.Count > 200);
        return described;
    }

    private static string Describe(ActivityRecord record) =>
        JsonSerializer.Serialize(record with { Attributes = null }) + " " + record.Attributes?.ToJsonString();

    private static async Task<string> RecordsTableSqlAsync(SqliteTestStorage storage) =>
        (string)(await ScalarAsync(storage, "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'records'"))!;

    private static async Task<List<string>> RecordsIndexesAsync(SqliteTestStorage storage)
    {
        await using var connection = new SqliteConnection($"Data Source={storage.DatabasePath};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'records' ORDER BY name";
        var names = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct))
        {
            names.Add(reader.GetString(0));
        }

        return names;
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
