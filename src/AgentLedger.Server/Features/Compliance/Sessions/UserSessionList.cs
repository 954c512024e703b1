namespace AgentLedger.Server.Features.Compliance.Sessions;

/// <summary>A user's sessions in a window, most recent first; <c>has_more</c> when the limit cut the list.</summary>
public sealed record UserSessionList(string UserId, DateTimeOffset StartTime, DateTimeOffset EndTime, IReadOnlyList<UserSessionView> Data, bool HasMore);
