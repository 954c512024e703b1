namespace AgentLedger.Core.Retention;

/// <summary>One workspace's retention (<c>Retention:Workspaces:&lt;workspace-id&gt;</c>); unset values fall back to the global ones.</summary>
public sealed class RetentionWorkspaceOptions
{
    public TimeSpan? Content { get; set; }

    public TimeSpan? Metadata { get; set; }
}
