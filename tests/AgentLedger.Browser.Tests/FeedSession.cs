using System.Text.Json;

namespace AgentLedger.Browser.Tests;

/// <summary>A user and one of their sessions, with the whole record feed they were found in (read with an API key).</summary>
public sealed record FeedSession(string UserId, string SessionId, IReadOnlyList<JsonElement> Feed)
{
    public int RecordsOf(string sessionId) =>
        Feed.Count(r => r.TryGetProperty("session_id", out var s) && s.GetString() == sessionId);
}
