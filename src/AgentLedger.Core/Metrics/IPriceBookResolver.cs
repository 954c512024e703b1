namespace AgentLedger.Core.Metrics;

/// <summary>The price book in effect for a workspace at a time. Called per record at ingest: it must not touch storage.</summary>
public interface IPriceBookResolver
{
    PriceBook Resolve(string workspaceId, DateTimeOffset at);
}
