using AgentLedger.Core.Dlp;

namespace AgentLedger.Core.Gateway;

/// <summary>What DLP found in the content a request sends: every finding with its action, and how many were redacted.</summary>
public sealed record GatewayDlpScan(IReadOnlyList<(DlpFinding Finding, DlpAction Action)> Findings, int Redacted)
{
    /// <summary>The first finding whose rule blocks, if any.</summary>
    public DlpFinding? Blocking => Findings.FirstOrDefault(f => f.Action == DlpAction.Block).Finding;
}
