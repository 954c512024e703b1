using AgentLedger.Core.Analytics;
using AgentLedger.Core.Ingestion;
using AgentLedger.Core.Metrics;
using AgentLedger.Core.Records;
using Microsoft.Data.Sqlite;

namespace AgentLedger.Storage.Sqlite;

/// <summary>
/// Appends records, resolves users, counts threads and updates hourly rollups in one transaction.
/// Only <see cref="IngestBatchWriter"/> calls it, one batch at a time, on one dedicated connection: the single
/// writer is what keeps <c>seq</c> gap-free and in commit order without locks.
/// </summary>
public sealed partial class SqliteRecordWriter(SqliteDatabase database, TimeProvider time) : IRecordWriter, IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private SqliteConnection? _connection;

    public async Task<IReadOnlyList<AppendOutcome>> AppendAsync(IReadOnlyList<ActivityRecord> records, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _connection ??= await OpenWriterAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return await AppendCoreAsync(_connection, records, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                // A failed connection is not reused: the next batch starts from a fresh one. Cleared from the pool rather
                // than returned to it, so that no reader inherits the writer's cache size.
                SqliteConnection.ClearPool(_connection);
                await _connection.DisposeAsync().ConfigureAwait(false);
                _connection = null;
                throw;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// The writer's own connection, with a page cache that holds the index pages one group commit touches (a commit of
    /// 1,600 records dirties ~1,300 leaves of the event-id index alone, whose keys are hashes: with SQLite's default
    /// 2 MB cache every commit re-read them through the kernel), and checkpoints every 16,000 WAL pages rather than every
    /// 1,000, so that an index leaf rewritten by several commits is copied into the database once instead of once per
    /// commit (with the default, every commit of a full batch ran a checkpoint of its own). Neither changes a stored byte.
    /// </summary>
    private async Task<SqliteConnection> OpenWriterAsync(CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var pragma = connection.CreateCommand();
        // The checkpoint interval is set in pages: the same ~64 MB of WAL whatever page size the store was created with.
        pragma.CommandText = "PRAGMA page_size";
        var pageSize = (long)(await pragma.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        pragma.CommandText = FormattableString.Invariant(
            $"PRAGMA cache_size=-{WriterCacheKiB}; PRAGMA wal_autocheckpoint={WriterCheckpointBytes / pageSize};");
        await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }

    private const int WriterCacheKiB = 64 * 1024;

    private const long WriterCheckpointBytes = 16_000L * 4096;

    /// <summary>Set once per writer: the mark is written by migration 0014 and never changes.</summary>
    private long? _legacyOtlpIdsBeforeMs;

    /// <summary>Before this item time (Unix ms) an OTLP item may be stored under its hash-only id (<see cref="OtlpEventIds"/>); 0: none is.</summary>
    private static long ReadLegacyOtlpMark(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT value FROM store_marks WHERE name = $name";
        command.Parameters.AddWithValue("$name", OtlpEventIds.LegacyMarkName);
        return command.ExecuteScalar() is long mark ? mark : 0;
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync().ConfigureAwait(false);
        }

        _gate.Dispose();
    }

    /// <summary>One group commit on <paramref name="connection"/>; <see cref="SqliteBulkLoader"/> runs it on a connection of its own.</summary>
    internal async Task<IReadOnlyList<AppendOutcome>> AppendCoreAsync(SqliteConnection connection, IReadOnlyList<ActivityRecord> records, CancellationToken cancellationToken)
    {
        var outcomes = new AppendOutcome[records.Count];
        var legacyBefore = _legacyOtlpIdsBeforeMs ??= ReadLegacyOtlpMark(connection);
        // BEGIN IMMEDIATE takes the write lock up front, so the transaction cannot fail half-way on a busy upgrade.
        await using var transaction = connection.BeginTransaction(deferred: false);
        using var batch = new WriteBatch(connection, transaction, time.GetUtcNow());
        var accumulator = new UsageRollupAccumulator();
        var versions = new ClientVersionRollup();
        var seenInBatch = new HashSet<(string, string)>();

        for (var i = 0; i < records.Count; i++)
        {
            var record = records[i];
            if (!seenInBatch.Add((record.WorkspaceId, record.EventId)) || batch.EventExists(record.WorkspaceId, record.EventId)
                || (OtlpEventIds.TryGetLegacyToProbe(record.EventId, legacyBefore, out var legacyId) && batch.EventExists(record.WorkspaceId, legacyId)))
            {
                outcomes[i] = new AppendOutcome(false, 0);
                continue;
            }

            var seq = batch.NextSeq(record.WorkspaceId);
            var (userId, team) = batch.ResolveUser(record.WorkspaceId, record.Actor);
            var stored = record with { Seq = seq, UserId = userId, Team = team };
            var startsThread = stored.SessionId is not null && batch.TryStartSession(stored);
            batch.InsertRecord(stored);
            batch.InsertDlpFindings(stored);
            batch.TrackReviewComment(stored);
            accumulator.Add(stored, startsThread);
            versions.Add(stored);
            outcomes[i] = new AppendOutcome(true, seq);
        }

        batch.UpsertRollups(accumulator);
        var daily = DailyRollup.Of(accumulator);
        batch.UpsertDailyRollups(daily);
        batch.UpsertDailyGroupRollups(daily);
        batch.UpsertVersionRollups(versions);
        batch.UpsertDlpFindingHours();
        batch.SaveSequences();
        batch.SaveChainHeads();
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return outcomes;
    }
}
