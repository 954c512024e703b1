namespace AgentLedger.Server.Storage;

/// <summary>Which engine stores the data (configuration section <c>Storage</c>).</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>
    /// Apply pending migrations at start. On by default for the embedded SQLite file; the <c>migrate</c>
    /// command applies them explicitly when this is off.
    /// </summary>
    public bool MigrateOnStart { get; set; } = true;
}

public enum StorageProvider
{
    Sqlite,
}
