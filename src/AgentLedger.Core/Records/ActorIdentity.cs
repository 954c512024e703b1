using System.Text.Json.Serialization;

namespace AgentLedger.Core.Records;

/// <summary>
/// The raw identifiers a source sent for the person behind a record (<c>user.email</c>,
/// <c>user.account_id</c>, <c>enduser.id</c>, a GitHub login, …). Ingest resolves them to one directory
/// user per workspace; a person seen under several identifiers is one user.
/// </summary>
public sealed record ActorIdentity
{
    public string? Email { get; init; }

    public string? AccountId { get; init; }

    public string? ExternalId { get; init; }

    public string? Login { get; init; }

    public string? DisplayName { get; init; }

    [JsonIgnore]
    public bool IsEmpty => Keys().Count == 0;

    /// <summary>
    /// The normalised lookup keys of this identity, most authoritative first (e-mail before account id
    /// before external id before login). Keys are namespaced so an account id can never collide with a login.
    /// </summary>
    public IReadOnlyList<string> Keys()
    {
        var keys = new List<string>(4);
        Add(keys, "email:", Email?.Trim().ToLowerInvariant());
        Add(keys, "account:", AccountId?.Trim());
        Add(keys, "external:", ExternalId?.Trim());
        Add(keys, "login:", Login?.Trim().ToLowerInvariant());
        return keys;
    }

    private static void Add(List<string> keys, string prefix, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            keys.Add(prefix + value);
        }
    }
}
