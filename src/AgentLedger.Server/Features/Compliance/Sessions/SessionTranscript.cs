using AgentLedger.Core.Records;

namespace AgentLedger.Server.Features.Compliance.Sessions;

/// <summary>
/// A session (thread) as one ordered transcript, a page of it at a time. <see cref="PageUsage"/> sums the tokens of
/// the items on this page. Each item lists its DLP findings.
/// </summary>
public sealed record SessionTranscript(
    string SessionId,
    IReadOnlyList<string> UserIds,
    IReadOnlyList<string> Agents,
    IReadOnlyList<string> ClientIds,
    IReadOnlyList<string> Models,
    IReadOnlyList<TranscriptItem> Items,
    TokenUsage PageUsage,
    bool HasMore,
    string NextPage);
