using System.Diagnostics;
using AgentLedger.Core.Metrics;
using AgentLedger.Storage.Sqlite;

namespace AgentLedger.Bench.Analytics;

/// <summary>Writes the generated activity through <see cref="SqliteRecordWriter"/>, the path every ingest takes.</summary>
internal static class StoreFiller
{
    public const int BatchSize = 5_000;

    public static async Task<long> FillAsync(SqliteDatabase database, BenchOptions options, DateTimeOffset firstDay, TimeProvider time)
    {
        var generator = new ActivityGenerator(options, firstDay, new CreditCalculator(PriceBook.Default));
        await using var writer = new SqliteRecordWriter(database, time);
        var total = 0L;
        var clock = Stopwatch.StartNew();
        for (var day = 0; day < options.Days; day++)
        {
            foreach (var batch in generator.Day(day).Chunk(BatchSize))
            {
                var outcomes = await writer.AppendAsync(batch, CancellationToken.None);
                total += outcomes.Count(o => o.Stored);
            }

            Console.Error.WriteLine($"day {day + 1}/{options.Days}: {total:N0} records, {total / clock.Elapsed.TotalSeconds:N0} records/s");
        }

        return total;
    }
}
