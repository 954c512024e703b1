using System.Diagnostics;
using AgentLedger.Server.Tests.Testing;

namespace AgentLedger.Server.Tests.EndToEnd;

/// <summary>
/// Finds and runs a real agent CLI installed from npm by <c>.ci/run</c> (into <c>.ci/tools</c>). Locally, a
/// missing CLI skips the test with the command that installs it; in CI (<c>CI=true</c>) it fails.
/// </summary>
internal static class AgentCli
{
    public static string Require(string binary, string package)
    {
        var path = RepositoryRoot.Path(".ci", "tools", "node_modules", ".bin", binary);
        if (File.Exists(path))
        {
            return path;
        }

        var reason = $"{binary} is not installed; run: npm install --prefix .ci/tools {package}";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail(reason);
        }

        Assert.Skip(reason);
        return path;
    }

    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(
        string file, IEnumerable<string> args, string workingDirectory, IReadOnlyDictionary<string, string> environment, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // Only what the test sets (and PATH): nothing of the developer's or CI's own agent settings leaks in.
        var path = Environment.GetEnvironmentVariable("PATH") ?? "/usr/local/bin:/usr/bin:/bin";
        start.Environment.Clear();
        start.Environment["PATH"] = path;
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Path.GetFileName(file)} did not finish within {timeout}; stderr: {await stderr}");
        }

        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Environment that keeps an agent on loopback: proxies point at a stub that refuses everything.</summary>
    public static Dictionary<string, string> LoopbackOnly(Uri refusingProxy)
    {
        var proxy = refusingProxy.GetLeftPart(UriPartial.Authority);
        return new Dictionary<string, string>
        {
            ["HTTPS_PROXY"] = proxy, ["HTTP_PROXY"] = proxy, ["ALL_PROXY"] = proxy,
            ["https_proxy"] = proxy, ["http_proxy"] = proxy, ["all_proxy"] = proxy,
            ["NO_PROXY"] = "127.0.0.1,localhost", ["no_proxy"] = "127.0.0.1,localhost",
        };
    }
}
