using System.Net.Sockets;
using AgentLedger.Core.Ingestion;
using AgentLedger.Server.Hosting;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace AgentLedger.Server.Tests.Faults;

/// <summary>
/// The classification behind every 503, for the failures the fault tests cannot all produce (a PostgreSQL disk full,
/// an admin shutdown mid-query, a deadlock): what is transient becomes 503 with its cause, anything else stays a 500.
/// </summary>
public sealed class StorageFaultTests
{
    public static TheoryData<string, string?> PostgresStates() => new()
    {
        { "53100", "storage_full" }, // disk_full
        { "57P01", "database_unavailable" }, // admin_shutdown (pg_ctl stop -m fast mid-query)
        { "57P03", "database_unavailable" }, // cannot_connect_now (starting up, shutting down)
        { "08006", "database_unavailable" }, // connection_failure
        { "53300", "database_unavailable" }, // too_many_connections
        { "40P01", "database_busy" }, // deadlock_detected
        { "40001", "database_busy" }, // serialization_failure
        { "23505", null }, // unique_violation: a bug, not the environment
        { "42P01", null }, // undefined_table: a missing migration, not transient
    };

    [Theory]
    [MemberData(nameof(PostgresStates))]
    public void Classify_PostgresErrors_ByTheirSqlState(string sqlState, string? cause)
    {
        var error = new PostgresException("message", "ERROR", "ERROR", sqlState);

        Assert.Equal(cause, StorageFault.Classify(error)?.Cause);
        // Inside a failed group commit the batch is still unstored and retryable: never a 500 there.
        Assert.Equal(cause ?? "storage_error", StorageFault.Classify(new IngestCommitException("commit", error))?.Cause);
    }

    [Theory]
    [InlineData(13, "storage_full")] // SQLITE_FULL
    [InlineData(5, "database_busy")] // SQLITE_BUSY
    [InlineData(6, "database_busy")] // SQLITE_LOCKED
    [InlineData(266, "storage_error")] // SQLITE_IOERR_READ (extended code, primary 10)
    [InlineData(14, "storage_error")] // SQLITE_CANTOPEN
    [InlineData(19, null)] // SQLITE_CONSTRAINT
    [InlineData(1, null)] // SQLITE_ERROR (bad SQL)
    public void Classify_SqliteErrors_ByTheirPrimaryCode(int code, string? cause)
    {
        Assert.Equal(cause, StorageFault.Classify(new SqliteException("message", code))?.Cause);
    }

    [Fact]
    public void Classify_NpgsqlConnectionFailure_IsDatabaseUnavailable_AndNamesPostgreSql()
    {
        var refused = new NpgsqlException("Failed to connect to 127.0.0.1:5432", new SocketException((int)SocketError.ConnectionRefused));

        var fault = StorageFault.Classify(new InvalidOperationException("wrapped", refused));

        Assert.NotNull(fault);
        Assert.Equal(("database_unavailable", 5), (fault.Cause, fault.RetryAfterSeconds));
        Assert.Contains("PostgreSQL", fault.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("127.0.0.1", fault.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Classify_OtherExceptions_AreNotStorageFaults()
    {
        Assert.Null(StorageFault.Classify(new InvalidOperationException("bug")));
        Assert.Null(StorageFault.Classify(new TimeoutException("not from a database")));
    }
}
