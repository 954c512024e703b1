using System.ComponentModel.DataAnnotations;

namespace AgentLedger.Storage.Sqlite;

/// <summary>SQLite settings (configuration section <c>Storage:Sqlite</c>).</summary>
public sealed class SqliteStorageOptions
{
    public const string SectionName = "Storage:Sqlite";

    /// <summary>Database file; its folder is created if missing.</summary>
    [Required]
    public string Path { get; set; } = "./data/agentledger.db";

    /// <summary>
    /// <c>Full</c> (default) fsyncs the WAL at every commit, so an acknowledged record survives power loss;
    /// <c>Normal</c> survives a process crash but not an OS crash.
    /// </summary>
    public SqliteSynchronous Synchronous { get; set; } = SqliteSynchronous.Full;

    /// <summary>
    /// Optional cap on the database file, in pages (<c>PRAGMA max_page_count</c>; a page is 16 KiB in a store created by this release
    /// or later, 4 KiB in an older one: <c>PRAGMA page_size</c> tells): a write that would
    /// grow the file beyond it fails with SQLITE_FULL exactly as on a full disk, and ingest answers 503. Unset: no cap.
    /// </summary>
    [Range(1, long.MaxValue)]
    public long? MaxPageCount { get; set; }
}

public enum SqliteSynchronous
{
    Full,
    Normal,
}
