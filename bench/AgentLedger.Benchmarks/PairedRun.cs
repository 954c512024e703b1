using System.Diagnostics;

namespace AgentLedger.Benchmarks;

/// <summary>
/// A companion to the BenchmarkDotNet run for shared machines: the same benchmark methods, called in rotating order
/// one operation at a time, so that every real-path operation has a baseline operation measured next to it under the
/// same load. Reports the median of the per-round ratios (robust to load that drifts during the run) and the process
/// CPU time per event beside the wall time (CPU time is what the work costs; wall time adds fsync waits and the
/// other tenants of the machine).
/// </summary>
internal static class PairedRun
{
    private const int WarmupRounds = 5;

    public static async Task<int> RunAsync(int batchSize, int rounds, TextWriter output)
    {
        var bare = new SqliteIngestBenchmarks { BatchSize = batchSize };
        var native = new SqliteIngestBenchmarks { BatchSize = batchSize };
        var http = new SqliteIngestBenchmarks { BatchSize = batchSize };
        await bare.SetupBareAsync();
        await native.SetupNativeAsync();
        await http.SetupHttpAsync();
        (string Name, Func<Task> Run)[] cases =
        [
            ("bare prepared INSERT, 1 tx", () => Task.FromResult(bare.BareInsert())),
            ("mapper + IngestBatchWriter + SqliteRecordWriter", native.NativeEventIngest),
            ("HTTP POST /api/v1/events, 8 concurrent clients", http.HttpConcurrentIngest),
        ];
        try
        {
            await MeasureAsync(batchSize, rounds, cases, output).ConfigureAwait(false);
        }
        finally
        {
            await bare.CleanupAsync();
            await native.CleanupAsync();
            await http.CleanupAsync();
        }

        return 0;
    }

    /// <summary>Durable ingest with DLP off (the baseline) and with the default DLP policy, paired the same way.</summary>
    public static async Task<int> RunDlpAsync(int batchSize, int rounds, TextWriter output)
    {
        var off = new DlpIngestBenchmarks { BatchSize = batchSize, Dlp = false };
        var on = new DlpIngestBenchmarks { BatchSize = batchSize, Dlp = true };
        await off.SetupAsync();
        await on.SetupAsync();
        try
        {
            await MeasureAsync(batchSize, rounds,
                [("DLP off: mapper + IngestBatchWriter + SqliteRecordWriter", off.NativeEventIngest), ("DLP on (default policy)", on.NativeEventIngest)],
                output).ConfigureAwait(false);
        }
        finally
        {
            await off.CleanupAsync();
            await on.CleanupAsync();
        }

        return 0;
    }

    /// <summary>Runs the cases in rotating order; the first is the baseline of the ratios.</summary>
    private static async Task MeasureAsync(int batchSize, int rounds, (string Name, Func<Task> Run)[] cases, TextWriter output)
    {
        var wall = cases.Select(_ => new List<double>()).ToArray();
        var cpu = cases.Select(_ => new List<double>()).ToArray();
        var process = Process.GetCurrentProcess();
        for (var round = 0; round < WarmupRounds + rounds; round++)
        {
            for (var k = 0; k < cases.Length; k++)
            {
                // Rotate the order so that no case always runs right after another's checkpoint or GC.
                var c = (k + round) % cases.Length;
                process.Refresh();
                var cpuBefore = process.TotalProcessorTime;
                var started = Stopwatch.GetTimestamp();
                await cases[c].Run();
                var elapsed = Stopwatch.GetElapsedTime(started);
                process.Refresh();
                if (round >= WarmupRounds)
                {
                    wall[c].Add(elapsed.TotalMilliseconds);
                    cpu[c].Add((process.TotalProcessorTime - cpuBefore).TotalMilliseconds);
                }
            }
        }

        await output.WriteLineAsync($"paired run: BatchSize={batchSize}, {rounds} rounds after {WarmupRounds} warm-up rounds, cases in rotating order");
        await output.WriteLineAsync("| Case | median wall ms/op | events/s (median) | CPU us/event (median) | wall ratio to baseline (median of rounds, P25-P75) | CPU ratio to baseline (median of rounds) |");
        await output.WriteLineAsync("|---|---:|---:|---:|---:|---:|");
        for (var c = 0; c < cases.Length; c++)
        {
            var ratios = wall[c].Zip(wall[0], (x, b) => x / b).ToList();
            var cpuRatios = cpu[c].Zip(cpu[0], (x, b) => b > 0 ? x / b : double.NaN).Where(r => !double.IsNaN(r)).ToList();
            var medianWall = Median(wall[c]);
            await output.WriteLineAsync(
                $"| {cases[c].Name} | {medianWall:F1} | {batchSize / (medianWall / 1000):N0} | {Median(cpu[c]) * 1000 / batchSize:F1} | " +
                $"{Median(ratios):F2} ({Percentile(ratios, 0.25):F2}-{Percentile(ratios, 0.75):F2}) | {(cpuRatios.Count > 0 ? Median(cpuRatios) : double.NaN):F2} |");
        }
    }

    private static double Median(List<double> values) => Percentile(values, 0.5);

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        var position = p * (sorted.Count - 1);
        var low = (int)Math.Floor(position);
        var high = (int)Math.Ceiling(position);
        return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
    }
}
