using AgentLedger.Core.Ingestion;
using AgentLedger.Core.Records;
using AgentLedger.Server.Features.Ingestion.Events;

namespace AgentLedger.Server.Features.Demo;

/// <summary>
/// Sends a plan's generated events through the same path as <c>POST /api/v1/events</c>: every event is validated and
/// mapped by <see cref="NativeEventMapper"/> and the records are committed by the one <see cref="IngestBatchWriter"/>
/// (group commit, rollups, user resolution, idempotency by event id). Batches commit while the next ones are
/// generated, so generation and storage use both cores.
/// </summary>
internal sealed class DemoIngest(NativeEventMapper mapper, IngestBatchWriter writer, TimeProvider time)
{
    public const int BatchSize = 2_000;

    /// <summary>
    /// Batches queued at the writer while the next is generated. With two, the writer always finds the next batch
    /// waiting and commits both in one transaction (up to Ingest:Writer:MaxRecordsPerCommit), halving the commits.
    /// </summary>
    private const int MaxBatchesInFlight = 2;

    /// <summary>Generates and stores every day of the plan; returns the records stored now (duplicates excluded).</summary>
    public async Task<long> RunAsync(DemoPlan plan, IReadOnlyList<DemoUser> users, Action<DemoProgress> progress, CancellationToken cancellationToken)
    {
        var generator = new DemoActivityGenerator(plan, users, time.GetUtcNow());
        var batch = new List<ActivityRecord>(BatchSize + 64);
        var committing = new Queue<Task<IReadOnlyList<AppendOutcome>>>();
        long stored = 0;
        for (var day = 0; day < plan.Days; day++)
        {
            var receivedAt = time.GetUtcNow();
            foreach (var generated in generator.GenerateDay(day))
            {
                var mapping = mapper.Map(generated.Event, new NativeEventContext(plan.WorkspaceId, receivedAt, generated.ClientIp, generated.UserAgent));
                if (!mapping.IsValid)
                {
                    throw new InvalidOperationException(
                        $"The demo generated event {generated.Event.EventId}, which the native event API rejects: {mapping.Error}");
                }

                batch.AddRange(mapping.Records);
                if (batch.Count >= BatchSize)
                {
                    if (committing.Count == MaxBatchesInFlight)
                    {
                        stored += await StoredAsync(committing.Dequeue()).ConfigureAwait(false);
                    }

                    committing.Enqueue(writer.WriteAsync(batch, cancellationToken));
                    batch = new List<ActivityRecord>(BatchSize + 64);
                }
            }

            progress(new DemoProgress(day + 1, plan.Days, stored));
        }

        committing.Enqueue(writer.WriteAsync(batch, cancellationToken));
        while (committing.Count > 0)
        {
            stored += await StoredAsync(committing.Dequeue()).ConfigureAwait(false);
        }

        return stored;
    }

    private static async Task<long> StoredAsync(Task<IReadOnlyList<AppendOutcome>> commit)
    {
        var outcomes = await commit.ConfigureAwait(false);
        return outcomes.Count(o => o.Stored);
    }
}
