using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace AgentLedger.ComplianceBench;

/// <summary>A built agentledger.dll as a child process on a kernel-chosen loopback port; its output goes to a log file.</summary>
public sealed partial class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;
    private bool _disposed;
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ServerProcess(Process process, StreamWriter log)
    {
        _process = process;
        _log = log;
    }

    public Uri BaseAddress { get; private set; } = null!;

    public static async Task<ServerProcess> StartAsync(string serverDll, string logPath, params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = Path.GetDirectoryName(serverDll)!,
        };
        info.ArgumentList.Add(serverDll);
        info.ArgumentList.Add("serve");
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add("http://127.0.0.1:0");
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["Logging__Console__FormatterName"] = "simple";
        info.Environment["Logging__Console__FormatterOptions__SingleLine"] = "true";
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var server = new ServerProcess(process, new StreamWriter(logPath, append: false) { AutoFlush = true });
        process.OutputDataReceived += (_, e) => server.OnOutput(e.Data);
        process.ErrorDataReceived += (_, e) => server.OnOutput(e.Data);
        process.Exited += (_, _) => server._listening.TrySetException(new InvalidOperationException($"The server exited; see {logPath}."));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        server.BaseAddress = await server._listening.Task.WaitAsync(TimeSpan.FromMinutes(2));
        return server;
    }

    /// <summary>A line of /proc/{pid}/status in KiB: VmRSS (resident now) or VmHWM (peak resident so far).</summary>
    public long StatusKiB(string field)
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
        {
            if (line.StartsWith(field + ":", StringComparison.Ordinal))
            {
                return long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidOperationException($"/proc/{_process.Id}/status has no {field}.");
    }

    /// <summary>
    /// CPU seconds the server has used (user + system, /proc/{pid}/stat fields 14 and 15 in clock ticks of 1/100 s): on a
    /// shared machine, work per CPU second says more about the code than work per wall second.
    /// </summary>
    public double CpuSeconds()
    {
        var stat = File.ReadAllText($"/proc/{_process.Id}/stat");
        // the command name (field 2) is in parentheses and may contain spaces: count fields after its closing one
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        await _log.DisposeAsync();
    }

    private void OnOutput(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.WriteLine(line);
        }

        if (Listening().Match(line) is { Success: true } match)
        {
            _listening.TrySetResult(new Uri(match.Groups["address"].Value));
        }
    }

    [GeneratedRegex(@"AgentLedger listening on (?<address>http://127\.0\.0\.1:\d+)")]
    private static partial Regex Listening();
}
