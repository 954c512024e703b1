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
        Add(keys, "email:", NormalizeEmail(Email));
        Add(keys, "account:", AccountId?.Trim());
        Add(keys, "external:", ExternalId?.Trim());
        Add(keys, "login:", Login?.Trim().ToLowerInvariant());
        return keys;
    }

    /// <summary>
    /// The form an e-mail is stored and matched in: trimmed, lower-case, and null when nothing is left, so that a blank
    /// e-mail is no e-mail (two blank-e-mail users must not collide on the directory's unique e-mail).
    /// </summary>
    public static string? NormalizeEmail(string? email)
    {
        var normalized = email?.Trim().ToLowerInvariant();
        return string.IsNullOrEmpty(normalized) ? null : normalized;
    }

    private static void Add(List<string> keys, string prefix, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            keys.Add(prefix + value);
        }
    }
}
