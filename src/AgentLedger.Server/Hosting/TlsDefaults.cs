using System.Security.Authentication;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace AgentLedger.Server.Hosting;

/// <summary>
/// What every HTTPS endpoint accepts, whichever way it is configured (<c>--urls https://…</c> with
/// <c>Kestrel:Certificates:Default</c>, or <c>Kestrel:Endpoints</c>): TLS 1.2 and 1.3 only. TLS 1.0 and 1.1 are deprecated
/// (RFC 8996) and refused even where the operating system's own policy would still allow them. Cipher suites are the
/// operating system's (OpenSSL's) TLS 1.2/1.3 defaults.
/// </summary>
public static class TlsDefaults
{
    public const SslProtocols Protocols = SslProtocols.Tls12 | SslProtocols.Tls13;

    public static void Apply(KestrelServerOptions kestrel) =>
        kestrel.ConfigureHttpsDefaults(https => https.SslProtocols = Protocols);
}
