namespace AgentLedger.Core.Records;

/// <summary>Severity badge of an AI code-review comment (P0 is the most severe).</summary>
public enum ReviewPriority
{
    P0 = 0,
    P1,
    P2,
    P3,
}
