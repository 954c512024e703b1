using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace AgentLedger.Storage.Sqlite;

/// <summary>Opens connections to the one database file with the pragmas every connection needs.</summary>
public sealed class SqliteDatabase
{
    private readonly string _connectionString;
    private readonly string _synchronous;
    private long? _maxPageCount;
    private volatile bool _capped;

    public SqliteDatabase(IOptions<SqliteStorageOptions> options)
    {
        var path = System.IO.Path.GetFullPath(options.Value.Path);
        var folder = System.IO.Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        FilePath = path;
        _maxPageCount = options.Value.MaxPageCount;
        _capped = _maxPageCount is not null;
        _synchronous = options.Value.Synchronous == SqliteSynchronous.Full ? "FULL" : "NORMAL";
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    public string FilePath { get; }

    /// <summary>
    /// The size cap (<see cref="SqliteStorageOptions.MaxPageCount"/>), applied to every connection as it is opened, so a
    /// change takes effect from the next unit of work on: raising it is how space "returns" after SQLITE_FULL.
    /// </summary>
    public long? MaxPageCount
    {
        get => _maxPageCount;
        set
        {
            _maxPageCount = value;
            _capped = true;
        }
    }

    /// <summary>The page size of a store created by this build, in bytes; an older store keeps the one it was created with.</summary>
    public const int PageSize = 16384;

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var pragma = connection.CreateCommand();
        // page_size takes effect only on a new, empty file (before WAL is set), so stores created before keep theirs:
        // 16 KiB pages hold a multi-kilobyte OTLP record (its attributes JSON) in one page where 4 KiB pages spilled it to
        // overflow pages, which cut the bare insert's CPU and WAL bytes per record (docs/perf/ingest-throughput.md, "Third
        // pass"). WAL lets readers run beside the single writer; busy_timeout covers the brief checkpoint locks.
        pragma.CommandText = $"PRAGMA page_size={PageSize}; PRAGMA journal_mode=WAL; PRAGMA synchronous={_synchronous}; PRAGMA busy_timeout=30000; PRAGMA foreign_keys=ON;";
        if (_capped)
        {
            // max_page_count belongs to the connection, not the file: a pooled connection gets the current cap (or,
            // once the cap is lifted, SQLite's own maximum back) every time it is handed out.
            pragma.CommandText += FormattableString.Invariant($" PRAGMA max_page_count={_maxPageCount ?? 4294967294};");
        }

        await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }
}
