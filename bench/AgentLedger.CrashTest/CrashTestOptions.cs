namespace AgentLedger.CrashTest;

/// <summary>How hard and how long to run. Every bound is finite: the run stops by itself.</summary>
public sealed record CrashTestOptions
{
    /// <summary>The built server, <c>src/AgentLedger.Server/bin/&lt;cfg&gt;/net10.0/agentledger.dll</c>.</summary>
    public required string ServerDll { get; init; }

    public int Rounds { get; init; } = 3;

    public int Workers { get; init; } = 12;

    public int MinBatch { get; init; } = 1;

    public int MaxBatch { get; init; } = 200;

    /// <summary>The kill lands at a random moment between these two, counted from the start of the load.</summary>
    public TimeSpan KillAfterMin { get; init; } = TimeSpan.FromSeconds(2);

    public TimeSpan KillAfterMax { get; init; } = TimeSpan.FromSeconds(6);

    /// <summary>Senders stop once a round has sent this many events, kill or not.</summary>
    public int MaxEventsPerRound { get; init; } = 500_000;

    public int Seed { get; init; } = Environment.TickCount;

    /// <summary>Deadline for the whole run; past it the run is aborted and fails.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Where the database and server logs go; a fresh temporary folder when null.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>Keep the data folder after a passing run (a failing run always keeps it).</summary>
    public bool KeepData { get; init; }

    public string WorkspaceId { get; init; } = "crash-test";

    /// <summary>Acknowledged batches re-sent per round to check that a plain retry stores nothing.</summary>
    public int AcknowledgedResends { get; init; } = 10;

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!File.Exists(ServerDll))
        {
            errors.Add($"server dll '{ServerDll}' does not exist; build src/AgentLedger.Server first.");
        }

        if (Rounds is < 1 or > 100)
        {
            errors.Add("--rounds must be between 1 and 100.");
        }

        if (Workers is < 1 or > 256)
        {
            errors.Add("--workers must be between 1 and 256.");
        }

        if (MinBatch < 1 || MaxBatch < MinBatch || MaxBatch > 5000)
        {
            errors.Add("batch sizes must satisfy 1 <= --min-batch <= --max-batch <= 5000.");
        }

        if (KillAfterMin <= TimeSpan.Zero || KillAfterMax < KillAfterMin)
        {
            errors.Add("kill delays must satisfy 0 < --kill-after-min <= --kill-after-max.");
        }

        if (MaxEventsPerRound < 1)
        {
            errors.Add("--max-events must be positive.");
        }

        return errors;
    }
}
