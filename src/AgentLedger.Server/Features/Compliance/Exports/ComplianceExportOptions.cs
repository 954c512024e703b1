namespace AgentLedger.Server.Features.Compliance.Exports;

/// <summary>
/// <c>Compliance:Exports</c>: where eDiscovery packages are built and kept, and how often the export job looks for
/// queued exports. Several instances must share <see cref="Path"/> (one folder, e.g. a network volume): the instance
/// that builds a package is not always the one asked to serve it.
/// </summary>
public sealed class ComplianceExportOptions
{
    public const string SectionName = "Compliance:Exports";

    /// <summary>Folder of the packages, one sub-folder per workspace; relative paths are from the working directory.</summary>
    public string Path { get; set; } = "./data/exports";

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Whether this instance builds exports (any number may; the job lease lets one build at a time).</summary>
    public bool RunnerEnabled { get; set; } = true;
}
