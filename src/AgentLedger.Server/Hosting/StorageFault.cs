using AgentLedger.Core.Ingestion;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace AgentLedger.Server.Hosting;

/// <summary>
/// A storage failure that a retry can overcome — the database unreachable or restarting, out of space, or busy — as
/// the one answer every door gives for it: 503 with <c>Retry-After</c> and a reason naming the cause. Nothing of a
/// request that failed this way was stored (a commit either happens or does not), so the sender may send it again.
/// Anything else (a constraint violation, a bug) is not a fault of the environment and stays a 500.
/// </summary>
/// <param name="Cause">Machine-readable cause: <c>database_unavailable</c>, <c>storage_full</c>, <c>database_busy</c> or <c>storage_error</c>.</param>
/// <param name="Title">Problem title.</param>
/// <param name="Detail">What happened and what the sender should do; never contains request data.</param>
/// <param name="RetryAfterSeconds">Sent as <c>Retry-After</c>.</param>
public sealed record StorageFault(string Cause, string Title, string Detail, int RetryAfterSeconds)
{
    private const string NothingStored = "nothing of the request was stored; retry it";

    public string RetryAfter => RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The fault behind <paramref name="exception"/> or any exception it wraps; null when it is not one.</summary>
    public static StorageFault? Classify(Exception exception)
    {
        var committing = false;
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case IngestCommitException:
                    committing = true;
                    break;
                case SqliteException sqlite when Of(sqlite) is { } fault:
                    return fault;
                case PostgresException postgres:
                    return Of(postgres) ?? (committing ? CommitFailed : null);
                case NpgsqlException:
                    // Not a server error: the connection could not be opened, broke, or timed out (pool or network).
                    return Unavailable("PostgreSQL");
            }
        }

        return committing ? CommitFailed : null;
    }

    /// <summary>A failed group commit whose cause is not one of the known faults: still nothing was stored.</summary>
    private static StorageFault CommitFailed { get; } =
        new("storage_error", "Storage unavailable", $"The batch could not be committed and {NothingStored}.", 5);

    private static StorageFault Unavailable(string engine) =>
        new("database_unavailable", "Database unavailable",
            $"The {engine} database is not reachable (stopped, restarting or out of connections); {NothingStored} after Retry-After.", 5);

    private static StorageFault Full(string engine) =>
        new("storage_full", "Storage full",
            $"The {engine} database has no space left (disk full or size limit reached); {NothingStored} once space is freed.", 30);

    private static StorageFault Busy(string engine) =>
        new("database_busy", "Database busy", $"The {engine} database is busy; {NothingStored}.", 1);

    private static StorageFault? Of(SqliteException exception) => (exception.SqliteErrorCode & 0xFF) switch
    {
        // https://www.sqlite.org/rescode.html — primary codes (the low byte of an extended code).
        13 => Full("SQLite"), // SQLITE_FULL
        5 or 6 => Busy("SQLite"), // SQLITE_BUSY, SQLITE_LOCKED
        10 or 14 => new StorageFault("storage_error", "Storage unavailable",
            $"The SQLite database file could not be read or written (I/O error); {NothingStored} after Retry-After.", 5), // SQLITE_IOERR, SQLITE_CANTOPEN
        _ => null,
    };

    private static StorageFault? Of(PostgresException exception) => exception.SqlState switch
    {
        // https://www.postgresql.org/docs/current/errcodes-appendix.html
        "53100" => Full("PostgreSQL"), // disk_full
        "40001" or "40P01" or "55P03" => Busy("PostgreSQL"), // serialization_failure, deadlock_detected, lock_not_available
        // connection_exception (08…), insufficient_resources (53…), admin/crash shutdown and cannot_connect_now (57P0…)
        { } state when state.StartsWith("08", StringComparison.Ordinal) || state.StartsWith("53", StringComparison.Ordinal)
                       || state.StartsWith("57P0", StringComparison.Ordinal) => Unavailable("PostgreSQL"),
        _ => null,
    };
}
