using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using AgentLedger.Core.Accounts;
using AgentLedger.Server.Features.Dashboard.Accounts;
using AgentLedger.Server.Hosting;
using AgentLedger.Server.Tests.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLedger.Server.Tests.Security;

/// <summary>
/// The server on HTTPS, configured the way docs/security.md tells an operator to (<c>--urls https://…</c> and
/// <c>Kestrel:Certificates:Default</c>), with a certificate made for the test: TLS 1.2 and 1.3 are negotiated, TLS 1.0
/// and 1.1 are refused, the dashboard sends HSTS, and its cookies are Secure.
/// </summary>
public sealed partial class TlsTests
{
    private const string Password = "tls-test-password-1";

    [Fact]
    public async Task Https_NegotiatesTls12And13Only_DashboardSendsHsts_CookiesAreSecure()
    {
        var ct = TestContext.Current.CancellationToken;
        var folder = Directory.CreateTempSubdirectory("agentledger-tls-").FullName;
        using var certificate = SelfSigned();
        var pfx = Path.Combine(folder, "server.pfx");
        await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pfx, "pfx-pass"), ct);
        var server = new HttpsServer(pfx);
        await server.InitializeAsync();
        try
        {
            Assert.Equal("https", server.BaseAddress.Scheme);
            var port = server.BaseAddress.Port;
            Assert.Equal(SslProtocols.Tls12, await HandshakeAsync(port, certificate, SslProtocols.Tls12));
            Assert.Equal(SslProtocols.Tls13, await HandshakeAsync(port, certificate, SslProtocols.Tls13));
#pragma warning disable SYSLIB0039, CA5397 // the deprecated protocols are what this test offers, to see them refused
            foreach (var old in new[] { SslProtocols.Tls11, SslProtocols.Tls })
#pragma warning restore SYSLIB0039, CA5397
            {
                // Refused whether the server or the local TLS library declines: either way no session is established.
                var refused = await Record.ExceptionAsync(() => HandshakeAsync(port, certificate, old));
                Assert.True(refused is AuthenticationException or IOException, $"{old}: {refused?.GetType().Name ?? "handshake succeeded"}");
            }

            Assert.Equal(SslProtocols.Tls12 | SslProtocols.Tls13, TlsDefaults.Protocols);

            var accounts = server.Services.GetRequiredService<DashboardAccountService>();
            var (account, error) = await accounts.CreateAsync("tls-admin@example.com", Password, DashboardRole.Admin, "ws-tls", ct);
            Assert.True(account is not null, error);
            using var client = new HttpClient(new HttpClientHandler
            {
                UseCookies = false,
                AllowAutoRedirect = false,
                // Trust exactly the test's certificate, nothing else.
                ServerCertificateCustomValidationCallback = (_, presented, _, _) => presented?.Thumbprint == certificate.Thumbprint,
            }) { BaseAddress = server.BaseAddress };

            var form = await client.GetAsync("/login", ct);
            Assert.Equal(HttpStatusCode.OK, form.StatusCode);
            Assert.Equal("max-age=31536000", form.Headers.GetValues("Strict-Transport-Security").Single());
            var antiforgery = form.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("agentledger.antiforgery=", StringComparison.Ordinal));
            var token = TokenField().Match(await form.Content.ReadAsStringAsync(ct)).Groups[1].Value;
            using var signIn = new HttpRequestMessage(HttpMethod.Post, "/login")
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["_handler"] = "login", ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
                    ["Input.Email"] = "tls-admin@example.com", ["Input.Password"] = Password,
                }),
            };
            signIn.Headers.Add("Cookie", antiforgery.Split(';')[0]);
            var signedIn = await client.SendAsync(signIn, ct);
            var session = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(DashboardAuthentication.CookieName + "=", StringComparison.Ordinal));

            Assert.Contains("; secure", antiforgery, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("; secure", session, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("samesite=strict", session, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("httponly", session, StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            await server.DisposeAsync();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<SslProtocols> HandshakeAsync(int port, X509Certificate2 expected, SslProtocols offer)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, port);
        await using var tls = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false,
            (_, presented, _, _) => presented is not null && new X509Certificate2(presented).Thumbprint == expected.Thumbprint);
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = "127.0.0.1",
            EnabledSslProtocols = offer,
            ApplicationProtocols = [SslApplicationProtocol.Http11],
        });
        return tls.SslProtocol;
    }

    private static X509Certificate2 SelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
    }

    [GeneratedRegex(""""name="__RequestVerificationToken" value="([^"]+)"""")]
    private static partial Regex TokenField();

    /// <summary>The real server on an https URL with the certificate from configuration, as an operator sets it up.</summary>
    private sealed class HttpsServer(string pfx) : ServerFixture
    {
        protected override IEnumerable<string> ExtraArgs =>
        [
            "--urls", "https://127.0.0.1:0", $"--Kestrel:Certificates:Default:Path={pfx}", "--Kestrel:Certificates:Default:Password=pfx-pass",
        ];
    }
}
