using System.Collections.Concurrent;
using System.Diagnostics;
using AgentLedger.Core.Ingestion;
using AgentLedger.Core.Records;

namespace AgentLedger.Bench.Data;

/// <summary>
/// Fills a store with the generated activity through the engine's <see cref="IBulkRecordLoader"/> (the record writer's
/// own code in large transactions). Generating runs on a thread of its own, two chunks ahead of the loader, so the
/// two cores of a small machine generate and store side by side.
/// </summary>
public static class StoreFiller
{
    public const int ChunkSize = 50_000;

    /// <summary>Returns the records stored and the wall time it took.</summary>
    public static async Task<(long Stored, TimeSpan Elapsed)> FillAsync(IBulkRecordLoader loader, ActivityGenerator generator, TextWriter log, int chunkSize = ChunkSize)
    {
        using var queue = new BlockingCollection<IReadOnlyList<ActivityRecord>>(boundedCapacity: 2);
        var producer = Task.Factory.StartNew(() =>
        {
            try
            {
                foreach (var chunk in generator.Chunks(chunkSize))
                {
                    queue.Add(chunk);
                }
            }
            finally
            {
                queue.CompleteAdding();
            }
        }, TaskCreationOptions.LongRunning);

        var clock = Stopwatch.StartNew();
        var progress = new LogProgress(log, clock);
        var stored = await loader.LoadAsync(queue.GetConsumingEnumerable(), progress, CancellationToken.None);
        await producer;
        log.WriteLine($"stored {stored:N0} records in {clock.Elapsed.TotalSeconds:N0} s ({stored / clock.Elapsed.TotalSeconds:N0} records/s, indexes rebuilt)");
        return (stored, clock.Elapsed);
    }

    private sealed class LogProgress(TextWriter log, Stopwatch clock) : IProgress<long>
    {
        private long _next = 1_000_000;

        public void Report(long value)
        {
            if (value >= _next)
            {
                log.WriteLine($"{value:N0} records, {value / clock.Elapsed.TotalSeconds:N0} records/s, load {File.ReadAllText("/proc/loadavg").Trim()}");
                _next += 1_000_000;
            }
        }
    }
}
