namespace AgentLedger.Core.Records;

/// <summary>Where the agent ran: the product surface that analytics groups by.</summary>
public enum Surface
{
    Other = 0,
    Cli,
    Ide,
    Desktop,
    Cloud,
    CodeReview,
    Sdk,
}
