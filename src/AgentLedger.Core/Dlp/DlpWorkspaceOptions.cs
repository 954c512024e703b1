namespace AgentLedger.Core.Dlp;

/// <summary>One workspace's overrides (<c>Dlp:Workspaces:&lt;workspace-id&gt;</c>); unset values fall back to the global ones.</summary>
public sealed class DlpWorkspaceOptions
{
    public DlpAction? Secrets { get; set; }

    public DlpAction? Pii { get; set; }

    public Dictionary<string, DlpAction> Rules { get; set; } = new(StringComparer.Ordinal);
}
