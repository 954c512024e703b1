namespace AgentLedger.Server.Features.Analytics.Native;

/// <summary>Active users of one group (by default: surface) in one bucket.</summary>
/// <param name="BucketStart">Bucket start, RFC 3339 with the time zone's offset.</param>
/// <param name="BucketEnd">Bucket end (exclusive).</param>
/// <param name="Group">Group key (surface by default).</param>
/// <param name="ActiveUsers">Directory users with any record in the bucket and group.</param>
public sealed record ActiveUsersRow(string BucketStart, string BucketEnd, string Group, int ActiveUsers);
