using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace AgentLedger.Server.Tests.Siem;

/// <summary>
/// A real rsyslogd (Debian <c>rsyslog</c> + <c>rsyslog-gnutls</c>) receiving RFC 5425 syslog over TLS on a free
/// loopback port: <c>imtcp</c> with the <c>gtls</c> stream driver and a server certificate issued by a CA made here
/// with <see cref="CertificateRequest"/>; <c>mmpstrucdata</c> parses each message's structured data, and
/// <c>omfile</c> writes msgid, raw and parsed structured data and msg as one JSON line per message. Started with
/// <c>rsyslogd -n -f conf -i pidfile</c> and killed at the end. Without rsyslogd the test skips locally and fails in
/// CI (CI=true), like the PostgreSQL tests.
/// </summary>
public sealed class Rsyslog : IAsyncDisposable
{
    public const string Executable = "/usr/sbin/rsyslogd";
    private readonly string _folder = Directory.CreateTempSubdirectory("agentledger-rsyslog-").FullName;
    private Process? _process;

    public int Port { get; private set; }

    /// <summary>The CA that issued the server certificate, as PEM: what a destination's ca_certificate_pem holds.</summary>
    public string CaCertificatePem { get; private set; } = "";

    public string OutputPath => Path.Combine(_folder, "out.jsonl");

    /// <summary>Skips (locally) or fails (CI=true) the calling test when rsyslogd is not installed.</summary>
    public static void Require()
    {
        if (File.Exists(Executable) && Directory.EnumerateDirectories("/usr/lib").Any(d => File.Exists(Path.Combine(d, "rsyslog", "lmnsd_gtls.so"))))
        {
            return;
        }

        const string Reason = "rsyslogd or its TLS driver (lmnsd_gtls.so) is not installed; ./test.sh installs Debian's rsyslog and rsyslog-gnutls.";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail("CI=true requires rsyslog for the syslog delivery test: " + Reason);
        }

        Assert.Skip(Reason);
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        Require();
        WriteCertificates();
        Port = FreePort();
        var conf = Path.Combine(_folder, "rsyslog.conf");
        Directory.CreateDirectory(Path.Combine(_folder, "work"));
        await File.WriteAllTextAsync(conf, Config(), cancellationToken);
        var info = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _folder,
        };
        foreach (var argument in new[] { "-n", "-f", conf, "-i", Path.Combine(_folder, "rsyslogd.pid") })
        {
            info.ArgumentList.Add(argument);
        }

        _process = Process.Start(info) ?? throw new InvalidOperationException("rsyslogd did not start.");
        var stderr = _process.StandardError.ReadToEndAsync(cancellationToken);
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!await ListensAsync(cancellationToken))
        {
            if (_process.HasExited || DateTime.UtcNow > until)
            {
                throw new InvalidOperationException($"rsyslogd did not listen on 127.0.0.1:{Port}: {(_process.HasExited ? await stderr : "timeout")}");
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    /// <summary>The JSON lines written so far (a line still being written is left out).</summary>
    public IReadOnlyList<string> Lines()
    {
        if (!File.Exists(OutputPath))
        {
            return [];
        }

        using var stream = new FileStream(OutputPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var text = reader.ReadToEnd();
        var end = text.LastIndexOf('\n');
        return end < 0 ? [] : text[..end].Split('\n');
    }

    private string Config() => $$"""
        global(workDirectory="{{_folder}}/work" maxMessageSize="256k"
               DefaultNetstreamDriverCAFile="{{_folder}}/ca.pem"
               DefaultNetstreamDriverCertFile="{{_folder}}/server.pem"
               DefaultNetstreamDriverKeyFile="{{_folder}}/server.key")
        module(load="imtcp" StreamDriver.Name="gtls" StreamDriver.Mode="1" StreamDriver.AuthMode="anon")
        module(load="mmpstrucdata")
        input(type="imtcp" address="127.0.0.1" port="{{Port}}" ruleset="siem")
        template(name="parsed" type="list" option.jsonf="on") {
          property(outname="msgid" name="msgid" format="jsonf")
          property(outname="hostname" name="hostname" format="jsonf")
          property(outname="app_name" name="app-name" format="jsonf")
          property(outname="pri" name="pri" format="jsonf")
          property(outname="sd" name="structured-data" format="jsonf")
          property(outname="parsed_sd" name="$!rfc5424-sd" format="jsonf")
          property(outname="msg" name="msg" format="jsonf")
        }
        ruleset(name="siem") {
          action(type="mmpstrucdata")
          action(type="omfile" file="{{OutputPath}}" template="parsed")
        }
        """;

    private void WriteCertificates()
    {
        using var caKey = RSA.Create(2048);
        var caRequest = new CertificateRequest("CN=AgentLedger test CA", caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        var now = DateTimeOffset.UtcNow;
        using var ca = caRequest.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));

        using var serverKey = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", serverKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var server = request.Create(ca, now.AddMinutes(-5), now.AddDays(1), RandomNumberGenerator.GetBytes(16));

        CaCertificatePem = ca.ExportCertificatePem();
        File.WriteAllText(Path.Combine(_folder, "ca.pem"), CaCertificatePem);
        File.WriteAllText(Path.Combine(_folder, "server.pem"), server.ExportCertificatePem());
        File.WriteAllText(Path.Combine(_folder, "server.key"), serverKey.ExportPkcs8PrivateKeyPem());
    }

    private async Task<bool> ListensAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, Port, cancellationToken);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // rsyslogd's files are test data in the temp folder
        }
    }
}
