namespace AgentLedger.Core.Compliance;

/// <summary>The product that reports the events (OCSF <c>metadata.product</c>, CEF's vendor, product and version).</summary>
public sealed record ProductInfo(string Name, string Vendor, string Version)
{
    public static ProductInfo AgentLedger(string version) => new("AgentLedger", "AgentLedger", version);
}
