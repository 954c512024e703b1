using AgentLedger.Core.Compliance;
using AgentLedger.Core.Records;

namespace AgentLedger.Server.Features.Compliance.Sessions;

/// <summary>One session of a user in a time window: its agent and client, its first and last record there, and counts.</summary>
/// <param name="SessionId">The session (thread) id; its transcript is <c>/api/v1/compliance/sessions/{session_id}</c>.</param>
/// <param name="Agent">The agent (the lowest wire name when the session's records name several).</param>
/// <param name="ClientId">The client id (likewise).</param>
/// <param name="Surface">The surface of that client.</param>
/// <param name="FirstAt">When the session's first record in the window occurred.</param>
/// <param name="LastAt">When its last record in the window occurred.</param>
/// <param name="Records">Records of the session in the window.</param>
/// <param name="Prompts">User prompts among them.</param>
/// <param name="InputTokens">Input tokens of those records.</param>
/// <param name="OutputTokens">Output tokens of those records.</param>
public sealed record UserSessionView(
    string SessionId, string Agent, string ClientId, string Surface, DateTimeOffset FirstAt, DateTimeOffset LastAt, long Records, long Prompts,
    long InputTokens, long OutputTokens)
{
    public static UserSessionView From(UserSession s) => new(
        s.SessionId, WireNames.Of(s.Agent), WireNames.Of(s.ClientId), WireNames.Of(ClientCatalog.SurfaceOf(s.ClientId)),
        s.FirstAt.ToUniversalTime(), s.LastAt.ToUniversalTime(), s.Records, s.Prompts, s.InputTokens, s.OutputTokens);
}
