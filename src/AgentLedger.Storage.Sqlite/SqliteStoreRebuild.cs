using Microsoft.Data.Sqlite;

namespace AgentLedger.Storage.Sqlite;

/// <summary>
/// Rebuilds a store file offline with <see cref="SqliteDatabase.PageSize"/> pages (<c>VACUUM</c>). A store created before
/// 16 KiB pages keeps its 4 KiB ones, whose ≈ 2 KB OTLP rows spill to overflow pages: it ingests at ≈ 60 % of a new
/// store's rate (docs/perf/ingest-throughput.md, fourth pass). <c>VACUUM</c> copies every row as it is, so records, seq,
/// hashes and chain checkpoints are unchanged. It needs the file to itself (the server stopped) and free disk of about
/// twice its size (a copy of the database and a rollback journal). If it fails half-way, SQLite's journal puts the file
/// back as it was.
/// </summary>
public static class SqliteStoreRebuild
{
    public sealed record Outcome(long PageSizeBefore, long PageSizeAfter, long BytesBefore, long BytesAfter)
    {
        public bool Rebuilt => PageSizeBefore != PageSizeAfter;
    }

    /// <param name="freeBytes">Free bytes on the store's volume (the real volume's by default; tests pass their own).</param>
    public static async Task<Outcome> RunAsync(string path, Func<string, long>? freeBytes, CancellationToken cancellationToken)
    {
        path = Path.GetFullPath(path);
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"There is no SQLite store at '{path}' (Storage:Sqlite:Path).");
        }

        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            // A short busy timeout: a store in use is reported in seconds rather than waited for.
            DataSource = path, Mode = SqliteOpenMode.ReadWrite, Pooling = false, DefaultTimeout = 2,
        }.ToString());
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        var before = (long)(await connection.ScalarAsync("PRAGMA page_size", cancellationToken).ConfigureAwait(false))!;
        var bytesBefore = StoreBytes(path);
        if (before == SqliteDatabase.PageSize)
        {
            return new Outcome(before, before, bytesBefore, bytesBefore);
        }

        var free = (freeBytes ?? VolumeFreeBytes)(path);
        if (free < 2 * bytesBefore)
        {
            throw new InvalidOperationException(
                $"Rebuilding '{path}' ({Gib(bytesBefore)}) needs about {Gib(2 * bytesBefore)} free on its volume; {Gib(free)} is free. Nothing was changed.");
        }

        // Leaving WAL mode needs the only connection to the file: with a server running SQLite refuses ("database is
        // locked"), or keeps WAL and says so.
        var inUse = $"'{path}' is in use: stop the AgentLedger server (and anything else that has the file open) first. Nothing was changed.";
        try
        {
            await connection.ExecuteAsync("PRAGMA wal_checkpoint(TRUNCATE);", cancellationToken).ConfigureAwait(false);
            if (!string.Equals(await connection.ScalarAsync("PRAGMA journal_mode=DELETE", cancellationToken).ConfigureAwait(false) as string, "delete", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException(inUse);
            }
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is 5 or 6)
        {
            throw new InvalidOperationException(inUse, ex);
        }

        try
        {
            await connection.ExecuteAsync($"PRAGMA page_size={SqliteDatabase.PageSize}; VACUUM;", cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // Back to WAL whether or not VACUUM went through: the server would set it on its next start anyway.
            await connection.ExecuteAsync("PRAGMA journal_mode=WAL;", CancellationToken.None).ConfigureAwait(false);
        }

        var after = (long)(await connection.ScalarAsync("PRAGMA page_size", cancellationToken).ConfigureAwait(false))!;
        return new Outcome(before, after, bytesBefore, StoreBytes(path));
    }

    private static long StoreBytes(string path) =>
        new FileInfo(path).Length + (File.Exists(path + "-wal") ? new FileInfo(path + "-wal").Length : 0);

    private static long VolumeFreeBytes(string path) => new DriveInfo(Path.GetDirectoryName(path)!).AvailableFreeSpace;

    private static string Gib(long bytes) => FormattableString.Invariant($"{bytes / 1073741824.0:N2} GiB");
}
