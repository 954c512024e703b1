using Microsoft.AspNetCore.DataProtection;

namespace AgentLedger.Server.Features.Secrets;

/// <summary>
/// Encrypts secrets the server stores (webhook secrets, SIEM tokens and keys, alert channel secrets) with ASP.NET Core
/// Data Protection. A stored value carries <see cref="Prefix"/>; a value without it was stored in plaintext by a
/// version before encryption existed and is read as is until the start-up pass (<see cref="SecretsAtRestMigration"/>)
/// rewrites it encrypted.
/// </summary>
public sealed class SecretProtector(IDataProtectionProvider provider)
{
    /// <summary>Marks an encrypted value; the version lets a later scheme coexist with this one.</summary>
    public const string Prefix = "dp1:";

    private const string Purpose = "AgentLedger.SecretsAtRest.v1";

    private readonly IDataProtector _protector = provider.CreateProtector(Purpose);

    public static bool IsProtected(string? stored) => stored is not null && stored.StartsWith(Prefix, StringComparison.Ordinal);

    public string Protect(string secret) => Prefix + _protector.Protect(secret);

    public string? ProtectOrNull(string? secret) => secret is null ? null : Protect(secret);

    /// <summary>The secret; a legacy plaintext value comes back unchanged.</summary>
    public string Unprotect(string stored) => IsProtected(stored) ? _protector.Unprotect(stored[Prefix.Length..]) : stored;

    public string? UnprotectOrNull(string? stored) => stored is null ? null : Unprotect(stored);
}
