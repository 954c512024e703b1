using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MimeKit;

namespace AgentLedger.Server.Tests.Governance;

/// <summary>
/// A real SMTP server (aiosmtpd from Debian's python3-aiosmtpd, run by the system Python) on a free loopback port,
/// writing every message it accepts to a folder; the test reads them back with MimeKit.
/// </summary>
internal sealed class SmtpSink : IAsyncDisposable
{
    private const string Python = "/usr/bin/python3";
    private readonly Process _process;

    private SmtpSink(Process process, string folder, int port)
    {
        _process = process;
        Folder = folder;
        Port = port;
    }

    public string Folder { get; }

    public int Port { get; }

    public static async Task<SmtpSink> StartAsync()
    {
        RequiredTool.Require(Python, "python3");
        RequiredTool.Require("/usr/lib/python3/dist-packages/aiosmtpd/__init__.py", "python3-aiosmtpd");
        var folder = Directory.CreateTempSubdirectory("agentledger-smtp-").FullName;
        var port = FreePort();
        var start = new ProcessStartInfo(Python)
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Governance", "smtp_sink.py"));
        start.ArgumentList.Add(folder);
        start.ArgumentList.Add(port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var process = Process.Start(start)!;
        var ready = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
        if (ready != "ready")
        {
            var error = await process.StandardError.ReadToEndAsync();
            process.Kill();
            throw new InvalidOperationException("The SMTP sink did not start: " + error);
        }

        return new SmtpSink(process, folder, port);
    }

    /// <summary>Every message received so far, oldest first.</summary>
    public IReadOnlyList<MimeMessage> Messages() =>
        Directory.GetFiles(Folder, "*.eml").Select(f => (File.GetLastWriteTimeUtc(f), f)).Order().Select(p => MimeMessage.Load(p.f)).ToList();

    public async ValueTask DisposeAsync()
    {
        _process.StandardInput.Close();
        if (!_process.WaitForExit(5000))
        {
            _process.Kill();
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
        Directory.Delete(Folder, recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
