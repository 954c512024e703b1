using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using AgentLedger.Core.Siem;

namespace AgentLedger.Server.Features.Siem;

/// <summary>
/// TLS client settings of a destination: the server certificate must chain to the system store, or, when
/// <see cref="SiemEndpoint.CaCertificatePem"/> is set, to that CA only (custom root trust), and must name the host;
/// an optional client certificate (<see cref="SiemEndpoint.ClientCertificatePem"/> with its secret key) is presented.
/// </summary>
public static class SiemTls
{
    public static SslClientAuthenticationOptions ClientOptions(SiemDestination destination, string targetHost)
    {
        var options = new SslClientAuthenticationOptions
        {
            TargetHost = targetHost,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
        };
        if (destination.Endpoint.ClientCertificatePem is { } certificate && destination.Secrets.ClientKeyPem is { } key)
        {
            options.ClientCertificates = [X509Certificate2.CreateFromPem(certificate, key)];
        }

        if (destination.Endpoint.CaCertificatePem is { } caPem)
        {
            var roots = new X509Certificate2Collection();
            roots.ImportFromPem(caPem);
            options.RemoteCertificateValidationCallback = (_, cert, _, errors) => ValidateAgainst(roots, cert, errors);
        }

        return options;
    }

    /// <summary>The host name must match (the platform checked it); the chain is built against <paramref name="roots"/> alone.</summary>
    private static bool ValidateAgainst(X509Certificate2Collection roots, X509Certificate? presented, SslPolicyErrors errors)
    {
        if (presented is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch) || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var certificate = new X509Certificate2(presented);
        return chain.Build(certificate);
    }
}
