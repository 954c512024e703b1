using AgentLedger.Core.Jobs;

namespace AgentLedger.Storage.Sqlite;

/// <summary>
/// Job leases for the embedded engine: an exclusive lock on a file beside the database
/// (<c>agentledger.db.job-{name}.lock</c>). The operating system holds the lock for the open handle and drops it when
/// the handle closes or the process dies, so it excludes holders in this process and in any other process that opens
/// the same database (a <c>migrate</c> run beside the server), and a crash never leaves a stale lease.
/// </summary>
public sealed class SqliteJobLease(SqliteDatabase database) : IJobLease
{
    public Task<IAsyncDisposable?> TryAcquireAsync(string jobName, CancellationToken cancellationToken)
    {
        JobNames.Validate(jobName);
        cancellationToken.ThrowIfCancellationRequested();
        var path = $"{database.FilePath}.job-{jobName}.lock";
        try
        {
            // FileShare.None is enforced with flock(2) on Unix and share modes on Windows: a second open fails at once.
            var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
            return Task.FromResult<IAsyncDisposable?>(stream);
        }
        catch (IOException ex) when (ex is not FileNotFoundException and not DirectoryNotFoundException and not PathTooLongException)
        {
            // Held by someone else (sharing violation). Other failures (permissions, missing folder) propagate.
            return Task.FromResult<IAsyncDisposable?>(null);
        }
    }
}
