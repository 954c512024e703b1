namespace AgentLedger.Core.Dlp;

/// <summary>What a DLP rule looks for: credentials that grant access, or data that identifies a person.</summary>
public enum DlpCategory
{
    Secret,
    Pii,
}
