using AgentLedger.Bench.Data;

namespace AgentLedger.Bench.Scale;

/// <summary>
/// <c>generate</c>: a fresh store of the requested size through the shared generator and the engine's bulk loader,
/// then its size on disk and the bare engine insert baseline (same run, same rows). Writes an admin key for
/// <c>measure</c> into the work folder.
/// </summary>
public static class GenerateCommand
{
    public static async Task<int> RunAsync(ScaleOptions options)
    {
        var figures = Figures.Load(options);
        figures.Values.Clear();
        figures.Notes.Clear();
        await using var target = StoreTarget.Open(options);
        await target.ResetAsync();
        Directory.CreateDirectory(options.Work);
        await File.WriteAllTextAsync(KeyPath(options), await target.CreateKeyAsync());

        var firstDay = FirstDay(options);
        var generator = new ActivityGenerator(options.Records, options.Users, options.Days, firstDay, options.Content);
        Console.WriteLine($"{options.Name}: generating about {options.Records:N0} records, {options.Users:N0} users, {options.Days} days from {firstDay:yyyy-MM-dd}");
        var cpuStarted = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
        var (stored, elapsed) = await StoreFiller.FillAsync(target.Loader, generator, Console.Out);
        figures.Set("gen.cpu_s", (System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpuStarted).TotalSeconds);
        figures.Set("gen.records", stored);
        figures.Set("gen.s", elapsed.TotalSeconds);
        figures.SetLoad("gen");
        var size = await target.SizeAsync();
        figures.Set("size.bytes", size);
        Console.WriteLine($"{options.Name}: {size / 1_073_741_824.0:N2} GiB on disk, {size / (stored / 1e6) / 1_048_576:N0} MiB per million records");

        var bareRows = Math.Min(stored, 500_000);
        var bare = await target.BareInsertSecondsAsync(bareRows);
        figures.Set("gen.bare_rows", bareRows);
        figures.Set("gen.bare_s", bare);
        figures.SetLoad("gen.bare");
        Console.WriteLine($"{options.Name}: bare insert of {bareRows:N0} rows in {bare:N1} s ({bareRows / bare:N0} rows/s)");
        figures.Save(options.Results);
        return 0;
    }

    public static string KeyPath(ScaleOptions options) => Path.Combine(options.Work, options.Name + ".key");

    /// <summary>The generated days end today (UTC), so the dashboard's "last N days" windows are full.</summary>
    public static DateTimeOffset FirstDay(ScaleOptions options) =>
        new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero).AddDays(1 - options.Days);
}
