namespace AgentLedger.Server.Features.Compliance.Logs;

/// <summary>
/// <c>Compliance:Logs</c>: when the sealing job closes log files. A file is sealed once its oldest line has waited
/// <see cref="SealInterval"/>, or as soon as <see cref="MaxRecordsPerFile"/> lines are waiting; either way it holds at
/// most that many lines and about <see cref="MaxFileBytes"/> bytes.
/// </summary>
public sealed class ComplianceLogOptions
{
    public const string SectionName = "Compliance:Logs";

    public TimeSpan SealInterval { get; set; } = TimeSpan.FromMinutes(5);

    public int MaxRecordsPerFile { get; set; } = 10_000;

    public long MaxFileBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>How often the job looks for something to seal.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Whether this instance runs the sealing job (any number may; the job lease lets one seal at a time).</summary>
    public bool SealingEnabled { get; set; } = true;
}
