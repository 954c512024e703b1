namespace AgentLedger.Server.Features.Secrets;

/// <summary>
/// Section <c>DataProtection</c>: how the key ring that encrypts stored secrets is itself protected. The keys live in
/// the database (table data_protection_keys); with <see cref="CertificatePath"/> set, each key is encrypted with that
/// certificate before it is stored, so a copy of the database alone does not reveal the secrets.
/// </summary>
public sealed class SecretsAtRestOptions
{
    public const string SectionName = "DataProtection";
    public const string CertificatePathKey = SectionName + ":CertificatePath";
    public const string CertificatePasswordKey = SectionName + ":CertificatePassword";

    /// <summary>A PKCS#12 (.pfx) file with the certificate and its private key; every instance needs the same one.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The .pfx password, from the environment (<c>DataProtection__CertificatePassword</c>) or a secrets file.</summary>
    public string? CertificatePassword { get; set; }
}
