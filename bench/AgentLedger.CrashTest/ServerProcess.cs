using System.Diagnostics;
using System.Text.RegularExpressions;

namespace AgentLedger.CrashTest;

/// <summary>
/// A built <c>agentledger.dll</c> running as a child process on a loopback port chosen by the kernel (port 0;
/// the address is read from the "AgentLedger listening on" line). <see cref="Kill"/> sends SIGKILL.
/// The child's output goes to a log file, never to the console.
/// </summary>
public sealed partial class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ServerProcess(Process process, StreamWriter log)
    {
        _process = process;
        _log = log;
    }

    public Uri BaseAddress { get; private set; } = null!;

    public int ProcessId => _process.Id;

    /// <summary>
    /// Starts <c>dotnet agentledger.dll serve</c> on the database and waits until it listens. <paramref name="extraArguments"/>
    /// are further configuration overrides (e.g. job intervals).
    /// </summary>
    public static async Task<ServerProcess> StartAsync(string serverDll, string databasePath, string logPath, TimeSpan startTimeout,
        CancellationToken cancellationToken, IReadOnlyList<string>? extraArguments = null)
    {
        // Port 0 for OTLP/gRPC too: the crash test sends native events only, and 4317 may be taken on a shared machine.
        var info = DotnetStartInfo(serverDll,
            ["serve", "--urls", "http://127.0.0.1:0", "--Otlp:Grpc:Port=0", "--Storage:Sqlite:Path=" + databasePath, .. extraArguments ?? []]);
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

    /// <summary>Runs <c>agentledger keys create</c> and returns the key, which the CLI prints on its last line.</summary>
    public static async Task<string> CreateKeyAsync(string serverDll, string databasePath, string workspaceId, string scopes, CancellationToken cancellationToken)
    {
        // The storage path goes before --scope: --scope takes several values per token and would swallow it.
        var info = DotnetStartInfo(serverDll, "keys", "create", "--workspace", workspaceId, "--Storage:Sqlite:Path=" + databasePath, "--scope", scopes);
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

    public async ValueTask DisposeAsync()
    {
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

    private static ProcessStartInfo DotnetStartInfo(string serverDll, params string[] arguments)
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
