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
}

public enum SqliteSynchronous
{
    Full,
    Normal,
}
