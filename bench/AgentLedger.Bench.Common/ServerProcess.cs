using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace AgentLedger.Bench;

/// <summary>
/// A built <c>agentledger.dll</c> running as a child process on a loopback port chosen by the kernel (port 0, and
/// port 0 for OTLP/gRPC too, since 4317 may be taken on a shared machine; the address is read from the
/// "AgentLedger listening on" line). The child's output goes to a log file, never to the console.
/// <see cref="Kill"/> sends SIGKILL; <see cref="CpuSeconds"/> and <see cref="StatusKiB"/> read /proc.
/// </summary>
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

    public int ProcessId => _process.Id;

    /// <summary>
    /// Starts <c>dotnet agentledger.dll serve</c> on a SQLite file and waits until it listens. <paramref name="extraArguments"/>
    /// are further configuration overrides (e.g. job intervals).
    /// </summary>
    public static Task<ServerProcess> StartAsync(string serverDll, string databasePath, string logPath, TimeSpan startTimeout,
        CancellationToken cancellationToken, IReadOnlyList<string>? extraArguments = null) =>
        StartAsync(serverDll, logPath, ["--Storage:Sqlite:Path=" + databasePath, .. extraArguments ?? []], null, startTimeout, cancellationToken);

    /// <summary>
    /// Starts <c>dotnet agentledger.dll serve</c> with extra configuration arguments (and environment variables, for
    /// secrets such as a connection string) and waits until it listens. The log file is appended to.
    /// </summary>
    public static async Task<ServerProcess> StartAsync(
        string serverDll, string logPath, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment, TimeSpan startTimeout,
        CancellationToken cancellationToken)
    {
        var info = DotnetStartInfo(serverDll, ["serve", "--urls", "http://127.0.0.1:0", "--Otlp:Grpc:Port=0", .. arguments], environment);
        var log = new StreamWriter(logPath, append: true) { AutoFlush = true };
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var server = new ServerProcess(process, log);
        process.OutputDataReceived += (_, e) => server.OnOutput(e.Data);
        process.ErrorDataReceived += (_, e) => server.OnOutput(e.Data);
        process.Exited += (_, _) => server._listening.TrySetException(
            new InvalidOperationException($"The server exited with code {process.ExitCode} before listening; see {logPath}."));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            server.BaseAddress = await server._listening.Task.WaitAsync(startTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return server;
    }

    /// <summary>Runs <c>agentledger keys create</c> on a SQLite file and returns the key.</summary>
    public static Task<string> CreateKeyAsync(string serverDll, string databasePath, string workspaceId, string scopes, CancellationToken cancellationToken) =>
        CreateKeyAsync(serverDll, workspaceId, scopes, ["--Storage:Sqlite:Path=" + databasePath], null, cancellationToken);

    /// <summary>
    /// Runs <c>agentledger keys create</c> (which creates the workspace if new) with the storage arguments and returns
    /// the key, which the CLI prints on its last line.
    /// </summary>
    public static async Task<string> CreateKeyAsync(
        string serverDll, string workspaceId, string scopes, IEnumerable<string> storageArguments, IReadOnlyDictionary<string, string>? environment,
        CancellationToken cancellationToken)
    {
        // The storage arguments go before --scope: --scope takes several values per token and would swallow them.
        var info = DotnetStartInfo(serverDll, ["keys", "create", "--workspace", workspaceId, .. storageArguments, "--scope", scopes], environment);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start dotnet.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        var lines = (await stdout.ConfigureAwait(false)).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (process.ExitCode != 0 || lines.Length == 0 || !lines[^1].StartsWith("al_", StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"'keys create' failed with exit code {process.ExitCode}: {await stderr.ConfigureAwait(false)} {string.Join(" | ", lines)}");
        }

        return lines[^1];
    }

    /// <summary>
    /// Sends SIGKILL (on Unix <see cref="Process.Kill()"/> is <c>kill(pid, SIGKILL)</c>): no shutdown hook, no flush,
    /// no disposal runs in the server. Returns as soon as the signal is sent; see <see cref="WaitForExitAsync"/>.
    /// </summary>
    public void Kill() => _process.Kill();

    /// <summary>Waits for the process to end and returns its exit code, which is 128 + 9 = 137 after a SIGKILL.</summary>
    public async Task<int> WaitForExitAsync()
    {
        await _process.WaitForExitAsync().ConfigureAwait(false);
        return _process.ExitCode;
    }

    /// <summary>A line of /proc/{pid}/status in KiB: VmRSS (resident now) or VmHWM (peak resident so far).</summary>
    public long StatusKiB(string field) => ProcStat.StatusKiB(_process.Id, field);

    /// <summary>CPU seconds the server has used (user + system); see <see cref="ProcStat.CpuSeconds"/>.</summary>
    public double CpuSeconds() => ProcStat.CpuSeconds(_process.Id);

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
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }

        _process.Dispose();
        await _log.DisposeAsync().ConfigureAwait(false);
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

        if (ListeningLine().Match(line) is { Success: true } match)
        {
            _listening.TrySetResult(new Uri(match.Groups["address"].Value));
        }
    }

    private static ProcessStartInfo DotnetStartInfo(string serverDll, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment)
    {
        var info = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(serverDll)!,
        };
        info.ArgumentList.Add(serverDll);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        // Plain console logs: the listening line must arrive as one line.
        info.Environment["Logging__Console__FormatterName"] = "simple";
        info.Environment["Logging__Console__FormatterOptions__SingleLine"] = "true";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        return info;
    }

    /// <summary>The dotnet host that runs this program (or the SDK's, under dotnet test), else dotnet on PATH.</summary>
    private static string DotnetHost()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } sdkHost && File.Exists(sdkHost))
        {
            return sdkHost;
        }

        return Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : "dotnet";
    }

    [GeneratedRegex(@"AgentLedger listening on (?<address>http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningLine();
}
