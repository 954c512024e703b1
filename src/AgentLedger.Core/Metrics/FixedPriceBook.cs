namespace AgentLedger.Core.Metrics;

/// <summary>One book for every workspace and time (tools, benchmarks, and a server without workspace books).</summary>
public sealed class FixedPriceBook(PriceBook book) : IPriceBookResolver
{
    public PriceBook Resolve(string workspaceId, DateTimeOffset at) => book;
}
