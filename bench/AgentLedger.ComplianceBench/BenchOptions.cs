using System.Globalization;

namespace AgentLedger.ComplianceBench;

/// <summary>Command-line settings of a run.</summary>
public sealed record BenchOptions
{
    /// <summary>Records in the workspace; the full export holds all of them.</summary>
    public int Records { get; init; } = 1_000_000;

    /// <summary>Records of the smaller export run beside the full one, to show memory does not grow with size.</summary>
    public int SmallExport { get; init; } = 100_000;

    /// <summary>Where the database, packages and logs go; reused when it already holds a seeded database of the same size.</summary>
    public string Folder { get; init; } = Path.Combine(Path.GetTempPath(), "agentledger-export-bench");

    /// <summary>The built server: <c>src/AgentLedger.Server/bin/Release/net10.0/agentledger.dll</c>.</summary>
    public string ServerDll { get; init; } = "";

    /// <summary>Where the markdown result goes (also printed).</summary>
    public string? Output { get; init; }

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value.");
            options = args[i] switch
            {
                "--records" => options with { Records = int.Parse(value, CultureInfo.InvariantCulture) },
                "--small-export" => options with { SmallExport = int.Parse(value, CultureInfo.InvariantCulture) },
                "--folder" => options with { Folder = Path.GetFullPath(value) },
                "--server-dll" => options with { ServerDll = Path.GetFullPath(value) },
                "--output" => options with { Output = Path.GetFullPath(value) },
                _ => throw new ArgumentException($"Unknown option {args[i]}. Options: --records, --small-export, --folder, --server-dll, --output."),
            };
            i++;
        }

        if (!File.Exists(options.ServerDll))
        {
            throw new ArgumentException($"--server-dll '{options.ServerDll}' does not exist; build it: dotnet build -c Release src/AgentLedger.Server");
        }

        return options;
    }
}
