using AgentLedger.Core.Records;

namespace AgentLedger.Core.Compliance;

/// <summary>
/// One session (thread) of a user as seen through the records of a time window: when its first and last record in the
/// window occurred, how many records and prompts it has there, and their tokens. A session that runs across the
/// window's edge is summarised from its records inside the window only.
/// </summary>
public sealed record UserSession(
    string SessionId,
    Agent Agent,
    ClientId ClientId,
    DateTimeOffset FirstAt,
    DateTimeOffset LastAt,
    long Records,
    long Prompts,
    long InputTokens,
    long OutputTokens);
