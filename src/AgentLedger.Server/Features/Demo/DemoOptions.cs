using System.ComponentModel.DataAnnotations;

namespace AgentLedger.Server.Features.Demo;

/// <summary>The demo workspace (configuration section <c>Demo</c>; <c>--demo</c> sets Enabled).</summary>
public sealed class DemoOptions
{
    public const string SectionName = "Demo";
    public const string DefaultWorkspaceId = "demo";

    public bool Enabled { get; set; }

    public string WorkspaceId { get; set; } = DefaultWorkspaceId;

    [Range(1, 100_000)]
    public int Users { get; set; } = 300;

    [Range(1, 730)]
    public int Days { get; set; } = 90;

    /// <summary>Seed of the random generator: the same seed and day give the same activity.</summary>
    [Range(0, int.MaxValue)]
    public int Seed { get; set; } = 20261126;
}
