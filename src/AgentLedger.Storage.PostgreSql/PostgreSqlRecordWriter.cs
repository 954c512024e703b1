using AgentLedger.Core.Analytics;
using AgentLedger.Core.Ingestion;
using AgentLedger.Core.Metrics;
using AgentLedger.Core.Records;

namespace AgentLedger.Storage.PostgreSql;

/// <summary>
/// Appends records, resolves users, counts threads and updates hourly rollups in one transaction. Unlike SQLite's,
/// this writer does not rely on being the only one: several AgentLedger instances may append to one database at once.
/// Each commit first locks the counter rows of its workspaces (in workspace-id order, so two commits can never wait
/// on each other in a cycle); under those locks the dedupe check, user resolution, thread counting and seq
/// assignment see everything committed before and nothing can interleave, so seq is gap-free and in commit order.
/// See docs/adr/0002-postgresql-seq.md.
/// </summary>
public sealed partial class PostgreSqlRecordWriter(PostgreSqlDatabase database, PostgreSqlRecordPartitions partitions, TimeProvider time)
    : IRecordWriter
{
    /// <summary>Commits with at least this many new records load them with binary COPY; smaller ones with batched INSERTs.</summary>
    public const int CopyThreshold = 32;

    public Task<IReadOnlyList<AppendOutcome>> AppendAsync(IReadOnlyList<ActivityRecord> records, CancellationToken cancellationToken) =>
        AppendAsync(records, memberships: true, cancellationToken);

    /// <param name="memberships">
    /// False only for <see cref="PostgreSqlBulkLoader"/>, which rebuilds the active-user membership tables from the daily
    /// rollup once at the end (<see cref="PostgreSqlDailyGroupRollups.RebuildMembershipsAsync"/>) instead of per commit.
    /// </param>
    internal async Task<IReadOnlyList<AppendOutcome>> AppendAsync(IReadOnlyList<ActivityRecord> records, bool memberships, CancellationToken cancellationToken)
    {
        if (records.Count == 0)
        {
            return [];
        }

        // Partitions are created (rarely) in their own short transaction: creating one locks the parent table, which
        // must not happen while this commit holds workspace locks that other writers queue behind.
        await partitions.EnsureAsync(records.Select(r => r.OccurredAt), cancellationToken).ConfigureAwait(false);
        try
        {
            return await AppendCoreAsync(records, memberships, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // The commit rolled back. If a partition was dropped meanwhile, the next attempt must see that.
            partitions.Invalidate();
            throw;
        }
    }

    /// <summary>Set once per writer: the mark is written by migration 0014 and never changes.</summary>
    private long? _legacyOtlpIdsBeforeMs;

    private async Task<IReadOnlyList<AppendOutcome>> AppendCoreAsync(IReadOnlyList<ActivityRecord> records, bool memberships, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var batch = new AppendBatch(connection, transaction);
        var lastSeq = await batch.LockWorkspacesAsync(records.Select(r => r.WorkspaceId), cancellationToken).ConfigureAwait(false);
        var legacyBefore = _legacyOtlpIdsBeforeMs ??= await batch.ReadLegacyOtlpMarkAsync(cancellationToken).ConfigureAwait(false);
        var stored = await batch.FindStoredEventsAsync(records, legacyBefore, cancellationToken).ConfigureAwait(false);
        var users = await UserResolver.LoadAsync(connection, transaction, records, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);

        var outcomes = new AppendOutcome[records.Count];
        var accepted = new List<ActivityRecord>(records.Count);
        var seenInBatch = new HashSet<(string, string)>();
        for (var i = 0; i < records.Count; i++)
        {
            var record = records[i];
            var key = (record.WorkspaceId, record.EventId);
            if (!seenInBatch.Add(key) || stored.Contains(key))
            {
                outcomes[i] = new AppendOutcome(false, 0);
                continue;
            }

            var seq = ++lastSeq[record.WorkspaceId];
            var (userId, team) = users.Resolve(record.WorkspaceId, record.Actor);
            accepted.Add(record with { Seq = seq, UserId = userId, Team = team });
            outcomes[i] = new AppendOutcome(true, seq);
        }

        if (accepted.Count > 0)
        {
            await users.SaveAsync(cancellationToken).ConfigureAwait(false);
            var threadStarts = await batch.StartSessionsAsync(accepted, cancellationToken).ConfigureAwait(false);
            var accumulator = new UsageRollupAccumulator();
            foreach (var record in accepted)
            {
                accumulator.Add(record, threadStarts.Contains((record.WorkspaceId, record.Seq)));
            }

            var chain = await PostgreSqlRecordChainLinks.LinkAsync(connection, transaction, accepted, cancellationToken).ConfigureAwait(false);
            await batch.InsertRecordsAsync(accepted, chain.Hashes, accepted.Count >= CopyThreshold, cancellationToken).ConfigureAwait(false);
            await PostgreSqlRecordChainLinks.SaveHeadsAsync(connection, transaction, chain.Heads, cancellationToken).ConfigureAwait(false);
            await batch.InsertEventIdsAsync(accepted, cancellationToken).ConfigureAwait(false);
            await batch.UpsertRollupsAsync(accumulator, cancellationToken).ConfigureAwait(false);
            var daily = DailyRollup.Of(accumulator);
            await PostgreSqlDailyRollups.UpsertAsync(connection, transaction, daily, cancellationToken).ConfigureAwait(false);
            await PostgreSqlDailyGroupRollups.UpsertTotalsAsync(connection, transaction, daily, cancellationToken).ConfigureAwait(false);
            if (memberships)
            {
                await PostgreSqlDailyGroupRollups.InsertMembershipsAsync(connection, transaction, daily, cancellationToken).ConfigureAwait(false);
            }

            await PostgreSqlVersionRollups.UpsertAsync(connection, transaction, accepted, cancellationToken).ConfigureAwait(false);
            await PostgreSqlReviewComments.TrackAsync(connection, transaction, accepted, cancellationToken).ConfigureAwait(false);
            await PostgreSqlDlpFindings.InsertAsync(connection, transaction, accepted, cancellationToken).ConfigureAwait(false);
            await batch.SaveSequencesAsync(lastSeq, cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return outcomes;
    }
}
