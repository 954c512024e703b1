using System.Text.Json.Serialization;

namespace AgentLedger.Server.Features.Analytics.Codex;

/// <summary>The person a per-user row is about.</summary>
/// <param name="UserId">Directory user id.</param>
/// <param name="Email">The user's e-mail address, when the directory knows it.</param>
public sealed record CodexActor(string UserId, string? Email)
{
    /// <summary>Always <c>user</c>.</summary>
    [JsonPropertyOrder(-1)]
    public string Type => "user";
}
