using AgentLedger.Core.Records;

namespace AgentLedger.Otlp.Mapping;

/// <summary>
/// The identity attributes agents send, most authoritative first: <c>user.email</c> (Codex with a ChatGPT login,
/// Claude Code with OAuth, Gemini CLI with a Google login), <c>user.account_uuid</c> / <c>user.account_id</c>
/// (Claude Code, Codex), then the OpenTelemetry <c>enduser.id</c> and <c>user.id</c> (Claude Code's per-install
/// anonymous id), <c>user.name</c> as a login and <c>user.full_name</c> for display.
/// </summary>
internal static class IdentityAttributes
{
    public static ActorIdentity Read(TelemetryItem item, string? fallbackExternalId = null) => new()
    {
        Email = item.First("user.email", "enduser.email"),
        AccountId = item.First("user.account_uuid", "user.account_id"),
        ExternalId = item.First("enduser.id", "user.id") ?? fallbackExternalId,
        Login = item.Get("user.name"),
        DisplayName = item.Get("user.full_name"),
    };
}
