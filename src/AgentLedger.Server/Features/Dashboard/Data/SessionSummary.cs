namespace AgentLedger.Server.Features.Dashboard.Data;

/// <summary>A session of a user, as found in the record feed.</summary>
public sealed record SessionSummary(string SessionId, string Agent, string Surface, DateTimeOffset FirstAt, DateTimeOffset LastAt, int Records, long Tokens);
