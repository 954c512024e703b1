using System.ComponentModel.DataAnnotations;

namespace AgentLedger.Storage.PostgreSql;

/// <summary>
/// PostgreSQL settings (configuration section <c>Storage:PostgreSql</c>). The connection string carries a password,
/// so it comes from the environment (<c>Storage__PostgreSql__ConnectionString</c>) or a secrets file, not appsettings.
/// </summary>
public sealed class PostgreSqlStorageOptions
{
    public const string SectionName = "Storage:PostgreSql";

    public const string ConnectionStringKey = SectionName + ":ConnectionString";

    /// <summary>An Npgsql connection string, e.g. <c>Host=db;Database=agentledger;Username=agentledger;Password=…</c>.</summary>
    [Required]
    public string ConnectionString { get; set; } = "";

    /// <summary>Monthly record partitions kept created ahead of the current month, so ingest rarely creates one.</summary>
    [Range(0, 24)]
    public int PartitionMonthsAhead { get; set; } = 2;
}
