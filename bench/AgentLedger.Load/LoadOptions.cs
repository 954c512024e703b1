using System.Globalization;

namespace AgentLedger.Load;

/// <summary>The command line; every error names the option.</summary>
internal sealed record LoadOptions
{
    public const string Usage = """
        AgentLedger.Load: drives a running AgentLedger over HTTP the way a fleet of agents does.

        Target (one of):
          --url URL                 a running server; needs --key (an ingest key of the workspace; with compliance.read
                                    for the stored-count check, admin for github and gateway traffic). For gateway
                                    traffic the server must have its openai/anthropic upstreams configured
                                    (Gateway:Upstreams:<provider>:BaseUrl and ApiKey)
          --start-server sqlite|postgres
                                    start the built server on a fresh database (PostgreSQL: a throwaway cluster via
                                    initdb/pg_ctl, durable settings), create the workspace and its key, stop it at the end;
                                    with gateway traffic, also a loopback model-provider stub as its upstreams
        Options:
          --server-dll PATH         the built server (default: src/AgentLedger.Server/bin/Release/net10.0/agentledger.dll)
          --key KEY                 ingest key (with --url); add admin scope too for --mix github and gateway-*
                                    (each virtual developer gets a gateway key, issued through the admin API)
          --workspace ID            workspace for --start-server (default load) or of --key (for --mix github)
          --server-pid PID          read CPU and RSS of this process (automatic with --start-server)
          --mix SPEC                name=weight,... of otlp-logs-proto, otlp-logs-json, otlp-metrics-proto, events, github,
                                    gateway-openai (Codex CLI's streamed Responses calls), gateway-anthropic (Claude
                                    Code's streamed Messages calls) (default otlp-logs-proto)
          --rate N                  target records/s (default: as fast as it goes)
          --concurrency N           concurrent senders (default 8)
          --batch N                 records per request (default 100)
          --duration S              measured seconds (default 30), after --warmup S (default 5)
          --events N                stop after N records instead of after a duration
          --users N                 virtual users (default 500)
          --seed N                  random seed (default 1)
          --baseline                after the run, insert the same stored rows bare into a copy of the records table
                                    (same engine, indexes and durability), and report the ratio (with --start-server)
          --markdown-out FILE       write a markdown section (table, hardware, command) for docs/perf/scale.md
          --title TEXT              heading of that section
          --server-arg ARG          extra configuration argument for the started server (repeatable)
          --keep-data               keep the started server's data folder
          --no-check                skip reading the stored records back through the compliance feed at the end
        """;

    public string? Url { get; init; }

    public string? StartServer { get; init; }

    public string ServerDll { get; init; } = "";

    public string? Key { get; init; }

    public string Workspace { get; init; } = "load";

    public int? ServerPid { get; init; }

    public string MixText { get; init; } = "otlp-logs-proto";

    public IReadOnlyList<(TrafficKind Kind, int Weight)> Mix { get; init; } = [(TrafficKind.OtlpLogsProtobuf, 1)];

    public double? Rate { get; init; }

    public int Concurrency { get; init; } = 8;

    public int Batch { get; init; } = 100;

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan WarmUp { get; init; } = TimeSpan.FromSeconds(5);

    public long? Events { get; init; }

    public int Users { get; init; } = 500;

    public int Seed { get; init; } = 1;

    public bool Baseline { get; init; }

    public string? MarkdownOut { get; init; }

    public string? Title { get; init; }

    public IReadOnlyList<string> ServerArgs { get; init; } = [];

    public bool KeepData { get; init; }

    /// <summary>Read the stored count back through the compliance feed at the end and compare it with what was acknowledged.</summary>
    public bool Check { get; init; } = true;

    public IReadOnlyList<string> CommandLine { get; init; } = [];

    public static LoadOptions Parse(string[] args, string repositoryRoot)
    {
        var options = new LoadOptions
        {
            ServerDll = Path.Combine(repositoryRoot, "src/AgentLedger.Server/bin/Release/net10.0/agentledger.dll"),
            CommandLine = args,
        };
        var serverArgs = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Length ? args[++i] : throw new FormatException($"{name} needs a value.");
            int Int(int min)
            {
                var text = Value();
                return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min
                    ? n
                    : throw new FormatException($"{name} must be a whole number >= {min}, not '{text}'.");
            }

            double Positive()
            {
                var text = Value();
                return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d > 0 && double.IsFinite(d)
                    ? d
                    : throw new FormatException($"{name} must be a number > 0, not '{text}'.");
            }

            options = name switch
            {
                "--url" => options with { Url = Value() },
                "--start-server" => options with
                {
                    StartServer = Value() is "sqlite" or "postgres" ? args[i] : throw new FormatException($"--start-server must be sqlite or postgres, not '{args[i]}'."),
                },
                "--server-dll" => options with { ServerDll = Path.GetFullPath(Value()) },
                "--key" => options with { Key = Value() },
                "--workspace" => options with { Workspace = Value() },
                "--server-pid" => options with { ServerPid = Int(1) },
                "--mix" => WithMix(options, Value()),
                "--rate" => options with { Rate = Positive() },
                "--concurrency" => options with { Concurrency = Int(1) },
                "--batch" => options with { Batch = Int(1) },
                "--duration" => options with { Duration = TimeSpan.FromSeconds(Positive()) },
                "--warmup" => options with { WarmUp = TimeSpan.FromSeconds(Int(0)) },
                "--events" => options with { Events = Int(1) },
                "--users" => options with { Users = Int(1) },
                "--seed" => options with { Seed = Int(0) },
                "--baseline" => options with { Baseline = true },
                "--markdown-out" => options with { MarkdownOut = Path.GetFullPath(Value()) },
                "--title" => options with { Title = Value() },
                "--server-arg" => options,
                "--keep-data" => options with { KeepData = true },
                "--no-check" => options with { Check = false },
                _ => throw new FormatException($"Unknown option '{name}'."),
            };
            if (name == "--server-arg")
            {
                serverArgs.Add(Value());
            }
        }

        options = options with { ServerArgs = serverArgs };
        if ((options.Url is null) == (options.StartServer is null))
        {
            throw new FormatException("Give exactly one of --url and --start-server.");
        }

        if (options.Url is not null && options.Key is null)
        {
            throw new FormatException("--url needs --key (an ingest key of the workspace).");
        }

        if (options.Baseline && options.StartServer is null)
        {
            throw new FormatException("--baseline needs --start-server (it reads the database the run wrote).");
        }

        if (options.StartServer is not null && !File.Exists(options.ServerDll))
        {
            throw new FormatException($"--server-dll: {options.ServerDll} does not exist; build it with `dotnet build -c Release src/AgentLedger.Server`.");
        }

        return options;
    }

    private static LoadOptions WithMix(LoadOptions options, string text) => options with { MixText = text, Mix = TrafficKinds.ParseMix(text) };
}
