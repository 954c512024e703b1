using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using AgentLedger.Bench;

namespace AgentLedger.ComplianceBench;

/// <summary>
/// One export through the HTTP API, measured: the job's own duration (the server's started/completed times), the
/// server's resident memory sampled every 50 ms while it runs, the tar download, and <c>sha256sum -c</c> on the
/// extracted package.
/// </summary>
public sealed record ExportRun(
    string Name, long Records, long Bytes, double JobSeconds, double CpuSeconds, long BaselineRssKiB, long PeakRssKiB, double DownloadSeconds,
    long TarBytes, bool Verified, string VerifyOutput)
{
    public double RecordsPerCpuSecond => Records / CpuSeconds;

    public double RecordsPerSecond => Records / JobSeconds;

    public double MegabytesPerSecond => Bytes / 1_048_576.0 / JobSeconds;

    public static async Task<ExportRun> RunAsync(string name, ServerProcess server, HttpClient client, JsonObject filter, string folder)
    {
        var baseline = server.StatusKiB("VmRSS");
        var cpuBefore = server.CpuSeconds();
        var created = await client.PostAsync("/api/v1/compliance/exports",
            new StringContent(new JsonObject { ["filter"] = filter, ["justification"] = "benchmark " + name }.ToJsonString(), Encoding.UTF8, "application/json"));
        var id = (string)(await created.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        var peak = baseline;
        JsonObject job;
        while (true)
        {
            peak = Math.Max(peak, server.StatusKiB("VmRSS"));
            job = (await client.GetFromJsonAsync<JsonObject>($"/api/v1/compliance/exports/{id}"))!;
            if ((string)job["status"]! is "completed" or "failed")
            {
                break;
            }

            await Task.Delay(50);
        }

        if ((string)job["status"]! != "completed")
        {
            throw new InvalidOperationException($"Export {name} failed: {job["error"]}");
        }

        // includes the status polls (one small request every 50 ms), which cost next to nothing beside the export
        var cpuSeconds = server.CpuSeconds() - cpuBefore;
        var jobSeconds = (DateTimeOffset.Parse((string)job["completed_at"]!) - DateTimeOffset.Parse((string)job["started_at"]!)).TotalSeconds;
        var target = Path.Combine(folder, name);
        if (Directory.Exists(target))
        {
            Directory.Delete(target, recursive: true);
        }

        Directory.CreateDirectory(target);
        var tarPath = Path.Combine(target, "package.tar");
        var download = Stopwatch.StartNew();
        await using (var body = await client.GetStreamAsync((string)job["download_url"]!))
        await using (var file = File.Create(tarPath))
        {
            await body.CopyToAsync(file);
        }

        download.Stop();
        var tarBytes = new FileInfo(tarPath).Length;
        await RunToolAsync(target, "tar", "-xf", "package.tar");
        File.Delete(tarPath);
        var (exit, output) = await RunToolAsync(Path.Combine(target, $"export-{id}"), "sha256sum", "-c", "SHA256SUMS");
        return new ExportRun(name, (long)job["record_count"]!, (long)job["bytes"]!, jobSeconds, cpuSeconds, baseline, peak, download.Elapsed.TotalSeconds, tarBytes,
            exit == 0, output.Trim());
    }

    private static async Task<(int Exit, string Output)> RunToolAsync(string directory, string tool, params string[] arguments)
    {
        var info = new ProcessStartInfo(tool) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }
}
