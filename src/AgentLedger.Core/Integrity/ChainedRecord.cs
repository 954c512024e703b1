using AgentLedger.Core.Records;

namespace AgentLedger.Core.Integrity;

/// <summary>A stored record with the hashes stored beside it.</summary>
/// <param name="ContentSha256">SHA-256 of the content fields when stored (<see cref="RecordChain.ContentHash(ActivityRecord)"/>); null if never chained.</param>
/// <param name="ChainSha256">The chain hash at this record's seq; null if never chained.</param>
/// <param name="ContentPurged">True when retention removed the content: the stored content hash stands for it.</param>
public sealed record ChainedRecord(ActivityRecord Record, byte[]? ContentSha256, byte[]? ChainSha256, bool ContentPurged);
