using System.Diagnostics;
using AgentLedger.Bench;

namespace AgentLedger.ComplianceBench;

/// <summary>
/// One streamed read of the native feed (<c>GET /api/v1/compliance/records?format=…</c>) from the first record to the
/// last, measured like an export: records and bytes received, wall and server CPU time, and the server's resident
/// memory sampled every 50 ms while it streams.
/// </summary>
public sealed record FeedRun(string Format, long Records, long Bytes, double Seconds, double CpuSeconds, long BaselineRssKiB, long PeakRssKiB)
{
    /// <param name="query">More of the query string (<c>&amp;start_time=…</c>), to stream a part of the workspace.</param>
    /// <param name="copyTo">A file that receives the bytes as they arrive (for a <c>cat</c> baseline of the same bytes).</param>
    public static async Task<FeedRun> RunAsync(string format, ServerProcess server, HttpClient client, string query = "", string? copyTo = null)
    {
        var baseline = server.StatusKiB("VmRSS");
        var cpuBefore = server.CpuSeconds();
        var peak = baseline;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peak = Math.Max(peak, server.StatusKiB("VmRSS"));
                await Task.Delay(50);
            }
        });

        var watch = Stopwatch.StartNew();
        long records = 0, bytes = 0;
        using (var response = await client.GetAsync($"/api/v1/compliance/records?format={format}{query}", HttpCompletionOption.ResponseHeadersRead))
        {
            await using var body = await response.EnsureSuccessStatusCode().Content.ReadAsStreamAsync();
            await using var copy = copyTo is null ? null : File.Create(copyTo);
            var buffer = new byte[256 * 1024];
            int read;
            while ((read = await body.ReadAsync(buffer)) > 0)
            {
                bytes += read;
                if (copy is not null)
                {
                    await copy.WriteAsync(buffer.AsMemory(0, read));
                }

                records += buffer.AsSpan(0, read).Count((byte)'\n');
            }
        }

        watch.Stop();
        await sampling.CancelAsync();
        await sampler;
        // CSV's header row is a line too
        records -= format == "csv" ? 1 : 0;
        return new FeedRun(format, records, bytes, watch.Elapsed.TotalSeconds, server.CpuSeconds() - cpuBefore, baseline, peak);
    }
}
