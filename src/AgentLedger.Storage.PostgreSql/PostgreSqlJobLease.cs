using AgentLedger.Core.Jobs;
using Npgsql;

namespace AgentLedger.Storage.PostgreSql;

/// <summary>
/// Job leases across every instance on one database: a session-level advisory lock held on a connection of its own
/// for as long as the lease lives. PostgreSQL drops the lock when that session ends, so an instance that crashes or
/// loses its connection frees its jobs at once; no lease row can be left behind.
/// </summary>
public sealed class PostgreSqlJobLease(PostgreSqlDatabase database) : IJobLease
{
    public async Task<IAsyncDisposable?> TryAcquireAsync(string jobName, CancellationToken cancellationToken)
    {
        JobNames.Validate(jobName);
        var key = PostgreSqlLockKeys.ForJob(jobName);
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock($1)", connection);
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = key });
            if (await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is true)
            {
                return new Lease(connection, key);
            }
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        await connection.DisposeAsync().ConfigureAwait(false);
        return null;
    }

    private sealed class Lease(NpgsqlConnection connection, long key) : IAsyncDisposable
    {
        private int _disposed;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 1)
            {
                return;
            }

            try
            {
                // Unlock before the connection goes back to the pool, where its session (and the lock) would live on.
                if (connection.State == System.Data.ConnectionState.Open)
                {
                    await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock($1)", connection);
                    command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = key });
                    await command.ExecuteScalarAsync().ConfigureAwait(false);
                }
            }
            catch (NpgsqlException) when (connection.State != System.Data.ConnectionState.Open)
            {
                // The session ended underneath the lease (server restart, terminated backend, network): the server
                // released the lock with it, so there is nothing left to release.
            }
            finally
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
