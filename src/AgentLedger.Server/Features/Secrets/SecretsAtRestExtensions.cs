using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using AgentLedger.Core.Governance;
using AgentLedger.Core.Integrations;
using AgentLedger.Core.Secrets;
using AgentLedger.Core.Siem;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;

namespace AgentLedger.Server.Features.Secrets;

/// <summary>
/// Data Protection with its key ring in the database (shared by every instance), optionally encrypted with a
/// certificate, and the stores of secrets wrapped so that what they keep is encrypted.
/// </summary>
public static class SecretsAtRestExtensions
{
    /// <summary>Service key of a store as the engine registered it, reading and writing secrets as stored.</summary>
    public const string UnprotectedStore = "secrets-at-rest:unprotected";

    /// <summary>One name for every instance, so that all of them use the same keys (the default would be the content root).</summary>
    public const string ApplicationName = "AgentLedger";

    /// <summary>Call after the storage engine is registered: it wraps the engine's stores.</summary>
    public static IServiceCollection AddAgentLedgerSecretsAtRest(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(SecretsAtRestOptions.SectionName).Get<SecretsAtRestOptions>() ?? new SecretsAtRestOptions();
        var dataProtection = services.AddDataProtection().SetApplicationName(ApplicationName);
        // The store is resolved on first use, not here: composing the pipeline (antiforgery) builds these options, and
        // the storage engine must not be constructed then, so that its configuration errors surface at start.
        services.AddOptions<KeyManagementOptions>().Configure<IServiceProvider, TimeProvider>((o, provider, time) =>
            o.XmlRepository = new DatabaseXmlRepository(new Lazy<IKeyRingStore>(provider.GetRequiredService<IKeyRingStore>), time));
        if (LoadCertificate(options) is { } certificate)
        {
            dataProtection.ProtectKeysWithCertificate(certificate);
        }

        services.AddSingleton<SecretProtector>();
        services.Decorate<IGitHubIntegrationStore>((sp, inner) => new ProtectedGitHubIntegrationStore(inner, sp.GetRequiredService<SecretProtector>()));
        services.Decorate<ISiemStore>((sp, inner) => new ProtectedSiemStore(inner, sp.GetRequiredService<SecretProtector>()));
        services.Decorate<IGovernanceStore>((sp, inner) => new ProtectedGovernanceStore(inner, sp.GetRequiredService<SecretProtector>()));
        services.AddHostedService<SecretsAtRestMigration>();
        return services;
    }

    /// <summary>Read at composition (Data Protection needs the certificate then), with errors that name the key.</summary>
    private static X509Certificate2? LoadCertificate(SecretsAtRestOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.CertificatePath))
        {
            return null;
        }

        if (!File.Exists(options.CertificatePath))
        {
            throw Invalid($"{SecretsAtRestOptions.CertificatePathKey} is '{options.CertificatePath}'; no such file.");
        }

        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(options.CertificatePath, options.CertificatePassword, X509KeyStorageFlags.EphemeralKeySet);
        }
        catch (CryptographicException e)
        {
            throw Invalid($"{SecretsAtRestOptions.CertificatePathKey} '{options.CertificatePath}' is not a PKCS#12 file that " +
                          $"{SecretsAtRestOptions.CertificatePasswordKey} opens: {e.Message}");
        }

        if (!certificate.HasPrivateKey)
        {
            throw Invalid($"{SecretsAtRestOptions.CertificatePathKey} '{options.CertificatePath}' holds no private key; the key ring could not be decrypted.");
        }

        return certificate;
    }

    private static OptionsValidationException Invalid(string message) =>
        new(SecretsAtRestOptions.SectionName, typeof(SecretsAtRestOptions), [message]);

    /// <summary>Replaces the last registration of <typeparamref name="T"/> by a wrapper of it; the original stays reachable under <see cref="UnprotectedStore"/>.</summary>
    private static void Decorate<T>(this IServiceCollection services, Func<IServiceProvider, T, T> wrap)
        where T : class
    {
        var original = services.Last(d => d.ServiceType == typeof(T) && !d.IsKeyedService);
        services.Remove(original);
        services.AddKeyedSingleton<T>(UnprotectedStore, (sp, _) => original switch
        {
            { ImplementationInstance: T instance } => instance,
            { ImplementationFactory: { } factory } => (T)factory(sp),
            _ => (T)ActivatorUtilities.CreateInstance(sp, original.ImplementationType!),
        });
        services.AddSingleton(sp => wrap(sp, sp.GetRequiredKeyedService<T>(UnprotectedStore)));
    }
}
