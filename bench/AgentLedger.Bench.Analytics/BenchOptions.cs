using System.Globalization;

namespace AgentLedger.Bench.Analytics;

/// <summary>Command line: <c>--records N --users N --days N --db PATH --report PATH --reuse</c>.</summary>
internal sealed record BenchOptions(long Records, int Users, int Days, string Database, string? Report, bool Reuse, int Limit)
{
    public static BenchOptions Parse(string[] args)
    {
        string? Value(string name)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }

        return new BenchOptions(
            long.Parse(Value("--records") ?? "10000000", CultureInfo.InvariantCulture),
            int.Parse(Value("--users") ?? "5000", CultureInfo.InvariantCulture),
            int.Parse(Value("--days") ?? "90", CultureInfo.InvariantCulture),
            Value("--db") ?? Path.Combine(Path.GetTempPath(), "agentledger-bench", "analytics.db"),
            Value("--report"),
            args.Contains("--reuse"),
            int.Parse(Value("--limit") ?? "1000", CultureInfo.InvariantCulture));
    }
}
