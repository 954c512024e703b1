using System.Globalization;

namespace AgentLedger.Bench.Scale;

/// <summary>
/// Command line of every command: <c>--engine sqlite|postgresql</c>, <c>--target</c> (a database file, or a
/// PostgreSQL connection string), <c>--records</c>, <c>--users</c>, <c>--days</c>, <c>--content</c>, <c>--results</c>
/// (a folder of JSON results), <c>--server-dll</c>, <c>--work</c> (scratch folder) and, for <c>report</c>, <c>--out</c>.
/// </summary>
public sealed record ScaleOptions
{
    public string Engine { get; init; } = "sqlite";

    public string Target { get; init; } = "";

    public long Records { get; init; } = 1_000_000;

    public int Users { get; init; } = 5_000;

    public int Days { get; init; } = 90;

    public bool Content { get; init; }

    public string Results { get; init; } = Path.Combine(Path.GetTempPath(), "alscale-results");

    public string ServerDll { get; init; } = "";

    public string Work { get; init; } = Path.Combine(Path.GetTempPath(), "alscale-work");

    public string? Out { get; init; }

    public bool IsPostgreSql => Engine == "postgresql";

    /// <summary>The name of this store's result: engine, size and whether it has content.</summary>
    public string Name => $"{Engine}-{Records}{(Content ? "-content" : "")}";

    public static ScaleOptions Parse(IEnumerable<string> args)
    {
        var options = new ScaleOptions();
        using var e = args.GetEnumerator();
        while (e.MoveNext())
        {
            var name = e.Current;
            if (name == "--content")
            {
                options = options with { Content = true };
                continue;
            }

            var value = e.MoveNext() ? e.Current : throw new ArgumentException($"{name} needs a value.");
            options = name switch
            {
                "--engine" => options with { Engine = value is "sqlite" or "postgresql" ? value : throw new ArgumentException($"--engine '{value}': sqlite or postgresql.") },
                "--target" => options with { Target = value },
                "--records" => options with { Records = long.Parse(value, CultureInfo.InvariantCulture) },
                "--users" => options with { Users = int.Parse(value, CultureInfo.InvariantCulture) },
                "--days" => options with { Days = int.Parse(value, CultureInfo.InvariantCulture) },
                "--results" => options with { Results = Path.GetFullPath(value) },
                "--server-dll" => options with { ServerDll = Path.GetFullPath(value) },
                "--work" => options with { Work = Path.GetFullPath(value) },
                "--out" => options with { Out = Path.GetFullPath(value) },
                _ => throw new ArgumentException(
                    $"Unknown option {name}. Options: --engine, --target, --records, --users, --days, --content, --results, --server-dll, --work, --out."),
            };
        }

        return options;
    }
}
