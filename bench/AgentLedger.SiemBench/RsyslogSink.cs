using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace AgentLedger.SiemBench;

/// <summary>
/// A real rsyslogd receiving RFC 5425 syslog over TLS (imtcp + gtls) into a file through mmpstrucdata, as the test
/// runs it (tests/AgentLedger.Server.Tests/Siem/Rsyslog.cs); counts the lines written.
/// </summary>
public sealed class RsyslogSink : IAsyncDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("agentledger-siembench-rsyslog-").FullName;
    private Process? _process;

    public int Port { get; private set; }

    public string CaPem { get; private set; } = "";

    private string Output => Path.Combine(_folder, "out.jsonl");

    public static bool Available => File.Exists("/usr/sbin/rsyslogd");

    public async Task StartAsync()
    {
        using var caKey = RSA.Create(2048);
        var caRequest = new CertificateRequest("CN=bench CA", caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        var now = DateTimeOffset.UtcNow;
        using var ca = caRequest.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var server = request.Create(ca, now.AddMinutes(-5), now.AddDays(1), RandomNumberGenerator.GetBytes(16));
        CaPem = ca.ExportCertificatePem();
        File.WriteAllText(Path.Combine(_folder, "ca.pem"), CaPem);
        File.WriteAllText(Path.Combine(_folder, "server.pem"), server.ExportCertificatePem());
        File.WriteAllText(Path.Combine(_folder, "server.key"), key.ExportPkcs8PrivateKeyPem());
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        Directory.CreateDirectory(Path.Combine(_folder, "work"));
        var conf = Path.Combine(_folder, "rsyslog.conf");
        await File.WriteAllTextAsync(conf, $$"""
            global(workDirectory="{{_folder}}/work" maxMessageSize="256k" DefaultNetstreamDriverCAFile="{{_folder}}/ca.pem"
                   DefaultNetstreamDriverCertFile="{{_folder}}/server.pem" DefaultNetstreamDriverKeyFile="{{_folder}}/server.key")
            module(load="imtcp" StreamDriver.Name="gtls" StreamDriver.Mode="1" StreamDriver.AuthMode="anon")
            module(load="mmpstrucdata")
            input(type="imtcp" address="127.0.0.1" port="{{Port}}" ruleset="siem")
            template(name="parsed" type="list" option.jsonf="on") {
              property(outname="msgid" name="msgid" format="jsonf")
              property(outname="parsed_sd" name="$!rfc5424-sd" format="jsonf")
              property(outname="msg" name="msg" format="jsonf")
            }
            ruleset(name="siem") { action(type="mmpstrucdata") action(type="omfile" file="{{Output}}" template="parsed") }
            """);
        var info = new ProcessStartInfo("/usr/sbin/rsyslogd") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { "-n", "-f", conf, "-i", Path.Combine(_folder, "pid") })
        {
            info.ArgumentList.Add(argument);
        }

        _process = Process.Start(info)!;
        for (var i = 0; i < 200; i++)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        throw new InvalidOperationException("rsyslogd did not listen.");
    }

    /// <summary>Messages written to the output file so far.</summary>
    public long Lines()
    {
        if (!File.Exists(Output))
        {
            return 0;
        }

        using var stream = new FileStream(Output, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var buffer = new byte[1 << 16];
        long lines = 0;
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            lines += buffer.AsSpan(0, read).Count((byte)'\n');
        }

        return lines;
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        Directory.Delete(_folder, recursive: true);
    }
}
