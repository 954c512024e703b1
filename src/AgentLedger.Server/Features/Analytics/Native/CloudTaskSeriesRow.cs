namespace AgentLedger.Server.Features.Analytics.Native;

/// <summary>Cloud tasks of one group in one bucket.</summary>
/// <param name="BucketStart">Bucket start, RFC 3339 with the time zone's offset.</param>
/// <param name="BucketEnd">Bucket end (exclusive).</param>
/// <param name="Group">Group key.</param>
/// <param name="UserEmail">The user's e-mail when grouped by user and known.</param>
/// <param name="ActiveUsers">Users with cloud-task activity (daily cloud users).</param>
/// <param name="Created">Cloud tasks created.</param>
/// <param name="Completed">Cloud tasks completed.</param>
/// <param name="Failed">Cloud tasks failed.</param>
public sealed record CloudTaskSeriesRow(
    string BucketStart, string BucketEnd, string Group, string? UserEmail, int ActiveUsers, long Created, long Completed, long Failed);
