using System.Collections.Concurrent;
using System.Text.Json;

namespace AgentLedger.CrashTest;

/// <summary>
/// Concurrent senders of one round: each worker posts batches of unique events back to back until told to stop
/// or until the round's event cap is reached. Every batch ends either acknowledged (a 2xx arrived) or unacknowledged
/// (an error status, a dropped connection after the kill, a refused connection).
/// </summary>
public sealed class IngestLoad(IngestClient client, CrashTestOptions options, int round, TimeProvider time)
{
    private readonly ConcurrentDictionary<SentBatch, byte> _outstanding = new();
    private readonly ConcurrentQueue<SentBatch> _sent = new();
    private readonly ConcurrentQueue<SentBatch> _acknowledged = new();
    private readonly ConcurrentQueue<SentBatch> _unacknowledged = new();
    private readonly ConcurrentQueue<string> _anomalies = new();
    private readonly TaskCompletionSource _firstAcknowledged = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _sentEvents;
    private int _errorStatuses;

    public IReadOnlyCollection<SentBatch> Sent => _sent;

    /// <summary>Completes at the first 2xx: the server is warm (JIT, connections) and the steady load has begun.</summary>
    public Task FirstAcknowledged => _firstAcknowledged.Task;

    public IReadOnlyCollection<SentBatch> AcknowledgedBatches => _acknowledged;

    public IReadOnlyCollection<SentBatch> UnacknowledgedBatches => _unacknowledged;

    /// <summary>Answers that break the contract even without a crash (a 2xx that does not account for every event).</summary>
    public IReadOnlyCollection<string> Anomalies => _anomalies;

    /// <summary>Non-2xx statuses (e.g. a 503 when a commit failed); such batches are re-sent like in-flight ones.</summary>
    public int ErrorStatuses => _errorStatuses;

    /// <summary>Events in requests that have been sent and not yet answered, right now.</summary>
    public int InFlightEvents => _outstanding.Keys.Sum(b => b.Count);

    public async Task RunAsync(CancellationToken stopSending, CancellationToken abort)
    {
        var workers = Enumerable.Range(0, options.Workers)
            .Select(w => Task.Run(() => WorkerAsync(w, stopSending, abort), abort))
            .ToArray();
        await Task.WhenAll(workers).ConfigureAwait(false);
    }

    private async Task WorkerAsync(int worker, CancellationToken stopSending, CancellationToken abort)
    {
        var random = new Random(HashCode.Combine(options.Seed, round, worker));
        var next = 0;
        while (!stopSending.IsCancellationRequested && Interlocked.Read(ref _sentEvents) < options.MaxEventsPerRound)
        {
            var size = random.Next(options.MinBatch, options.MaxBatch + 1);
            var now = time.GetUtcNow();
            var events = new SyntheticEvent[size];
            for (var i = 0; i < size; i++, next++)
            {
                // A session lasts a few dozen events of one worker, like one agent run.
                events[i] = SyntheticEventSource.Create($"crash-r{round}-w{worker}-{next}", $"sess-r{round}-w{worker}-{next / 40}", random, now);
            }

            var batch = new SentBatch(events, JsonSerializer.SerializeToUtf8Bytes(events, IngestClient.Json));
            Interlocked.Add(ref _sentEvents, size);
            _sent.Enqueue(batch);
            _outstanding.TryAdd(batch, 0);
            var outcome = await client.PostAsync(batch, abort).ConfigureAwait(false);
            _outstanding.TryRemove(batch, out _);
            if (outcome.Acknowledged)
            {
                _acknowledged.Enqueue(batch);
                _firstAcknowledged.TrySetResult();
                // A connection reused after a keep-alive race may be retried by the handler, so duplicates can be
                // reported on a first send; what must hold is that the answer accounts for every event.
                if (outcome.Accepted >= 0 && (outcome.Accepted + outcome.Duplicates != size || outcome.Rejected != 0))
                {
                    _anomalies.Enqueue(
                        $"batch of {size} answered accepted={outcome.Accepted} duplicates={outcome.Duplicates} rejected={outcome.Rejected}");
                }
            }
            else
            {
                _unacknowledged.Enqueue(batch);
                if (outcome.Failure?.StartsWith("HTTP", StringComparison.Ordinal) == true)
                {
                    Interlocked.Increment(ref _errorStatuses);
                }

                if (!stopSending.IsCancellationRequested)
                {
                    // Before the kill a failure is unexpected but not a loss (nothing was acknowledged); back off briefly.
                    await Task.Delay(100, abort).ConfigureAwait(false);
                }
            }
        }
    }
}
