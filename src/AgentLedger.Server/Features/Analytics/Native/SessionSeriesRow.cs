namespace AgentLedger.Server.Features.Analytics.Native;

/// <summary>Sessions and messages of one group (by default: user) in one bucket.</summary>
/// <param name="BucketStart">Bucket start, RFC 3339 with the time zone's offset.</param>
/// <param name="BucketEnd">Bucket end (exclusive).</param>
/// <param name="Group">Group key (user id by default).</param>
/// <param name="UserEmail">The user's e-mail when grouped by user and known.</param>
/// <param name="Sessions">Threads (sessions) started.</param>
/// <param name="Messages">User prompts.</param>
/// <param name="Turns">User prompts and cloud tasks.</param>
public sealed record SessionSeriesRow(string BucketStart, string BucketEnd, string Group, string? UserEmail, long Sessions, long Messages, long Turns);
