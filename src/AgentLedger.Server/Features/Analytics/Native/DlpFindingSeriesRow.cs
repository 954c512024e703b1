namespace AgentLedger.Server.Features.Analytics.Native;

/// <summary>DLP findings of one group in one bucket.</summary>
/// <param name="BucketStart">Bucket start, RFC 3339 with the time zone's offset.</param>
/// <param name="BucketEnd">Bucket end (exclusive).</param>
/// <param name="Group">Group key: the rule id, category (secret, pii), action (flag, redact) or workspace id.</param>
/// <param name="Findings">Findings in the bucket.</param>
/// <param name="Flagged">Of those, findings whose text was kept (action flag).</param>
/// <param name="Redacted">Of those, findings whose text was replaced before storage (action redact).</param>
public sealed record DlpFindingSeriesRow(string BucketStart, string BucketEnd, string Group, long Findings, long Flagged, long Redacted);
