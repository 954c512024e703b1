namespace AgentLedger.Server.Features.Compliance.Records;

/// <summary>Code-review context of a record in the native API.</summary>
public sealed record RecordReviewView(string? Repository, long? PullRequest, string? ReviewId, string? CommentId, string? Priority, string? Reaction);
