namespace AgentLedger.Server.Storage;

/// <summary>Which engine stores the data (configuration section <c>Storage</c>).</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    public const string ProviderKey = SectionName + ":" + nameof(Provider);

    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>
    /// Apply pending migrations at start. Unset, it follows the engine: on for the embedded SQLite file (zero set-up),
    /// off for PostgreSQL, whose schema changes are an operator's step (<c>agentledger migrate</c>) before instances
    /// roll out; set it to true to migrate at start there too (instances then take turns under an advisory lock).
    /// </summary>
    public bool? MigrateOnStart { get; set; }

    public bool MigratesOnStart => MigrateOnStart ?? Provider == StorageProvider.Sqlite;
}

public enum StorageProvider
{
    Sqlite,
    PostgreSql,
}
