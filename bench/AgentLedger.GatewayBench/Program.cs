using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json.Nodes;
using AgentLedger.Core.Keys;
using AgentLedger.Bench;
using AgentLedger.Server.Features.Admin;
using AgentLedger.Server.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

// Added latency of the AgentLedger gateway: the same Codex-sized Responses request sent to the stub upstream directly
// and through the gateway (in-process AgentLedger, SQLite, default DLP policy, records written), interleaved one by one
// so that both paths see the same machine state. Time to first byte and to the end of the body, p50 and p99.
var iterations = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2000;
var warmup = Math.Max(100, iterations / 10);
var folder = Directory.CreateTempSubdirectory("agentledger-gatewaybench-");
await using var upstream = await StubUpstream.StartAsync();
var app = AgentLedgerApp.Build(
[
    "--urls", "http://127.0.0.1:0", "--Otlp:Grpc:Port=0", "--Storage:Sqlite:Path=" + Path.Combine(folder.FullName, "bench.db"),
    "--Logging:LogLevel:Default=Warning", "--Compliance:Logs:SealingEnabled=false", "--Compliance:Exports:RunnerEnabled=false",
    "--Gateway:Upstreams:openai:BaseUrl=" + upstream.OpenAiBaseUrl, "--Gateway:Upstreams:openai:ApiKey=sk-bench",
]);
await app.StartAsync();
try
{
    var gatewayAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    var key = (await app.Services.GetRequiredService<ApiKeyIssuer>().IssueAsync("bench", "dev@example.com", ApiKeyScope.Gateway, CancellationToken.None)).Token;
    using var client = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = Timeout.InfiniteTimeSpan });
    var direct = new Uri(upstream.Address, "/v1/responses");
    var gateway = new Uri(gatewayAddress, "/gateway/openai/v1/responses");

    Console.WriteLine($"# Gateway overhead: {iterations} requests per path and mode (+{warmup} warm-up), interleaved");
    Console.WriteLine($"# {RuntimeInformation.OSDescription}, {RuntimeInformation.ProcessArchitecture}, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
    Console.WriteLine();
    Console.WriteLine("| mode | path | TTFB p50 (ms) | TTFB p99 (ms) | total p50 (ms) | total p99 (ms) |");
    Console.WriteLine("|---|---|---:|---:|---:|---:|");
    foreach (var stream in new[] { true, false })
    {
        var body = Payload.Codex(stream);
        var samples = new Dictionary<string, List<(double Ttfb, double Total)>> { ["direct"] = [], ["gateway"] = [] };
        for (var i = 0; i < warmup + iterations; i++)
        {
            var d = await TimeAsync(client, direct, body, "Bearer sk-bench");
            var g = await TimeAsync(client, gateway, body, "Bearer " + key);
            if (i >= warmup)
            {
                samples["direct"].Add(d);
                samples["gateway"].Add(g);
            }
        }

        foreach (var (path, list) in samples)
        {
            var ttfb = list.Select(s => s.Ttfb).Order().ToArray();
            var total = list.Select(s => s.Total).Order().ToArray();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {(stream ? "streaming" : "non-streaming")} | {path} | {P(ttfb, 0.50):F3} | {P(ttfb, 0.99):F3} | {P(total, 0.50):F3} | {P(total, 0.99):F3} |"));
        }

        var overhead = samples["gateway"].Zip(samples["direct"], (g, d) => (Ttfb: g.Ttfb - d.Ttfb, Total: g.Total - d.Total)).ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {(stream ? "streaming" : "non-streaming")} | **added (p50 / p99 of paired differences)** | {P([.. overhead.Select(o => o.Ttfb).Order()], 0.50):F3} | {P([.. overhead.Select(o => o.Ttfb).Order()], 0.99):F3} | {P([.. overhead.Select(o => o.Total).Order()], 0.50):F3} | {P([.. overhead.Select(o => o.Total).Order()], 0.99):F3} |"));
    }
}
finally
{
    await app.StopAsync();
    await app.DisposeAsync();
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    folder.Delete(recursive: true);
}

static double P(double[] sorted, double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];

static async Task<(double Ttfb, double Total)> TimeAsync(HttpClient client, Uri uri, byte[] body, string authorization)
{
    using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new ByteArrayContent(body) };
    request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
    request.Headers.TryAddWithoutValidation("Authorization", authorization);
    request.Headers.UserAgent.ParseAdd("codex_exec/0.169.0");
    var start = Stopwatch.GetTimestamp();
    using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    response.EnsureSuccessStatusCode();
    await using var stream = await response.Content.ReadAsStreamAsync();
    var buffer = new byte[16 * 1024];
    var read = await stream.ReadAsync(buffer);
    var ttfb = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    while (read > 0)
    {
        read = await stream.ReadAsync(buffer);
    }

    return (ttfb, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
}

/// <summary>A Codex-shaped Responses request (~40 KB, like the real CLI's first call): developer instructions, environment context, the prompt.</summary>
internal static class Payload
{
    public static byte[] Codex(bool stream)
    {
        var filler = new StringBuilder();
        for (var i = 0; filler.Length < 12_000; i++)
        {
            filler.Append(CultureInfo.InvariantCulture, $"Rule {i}: keep changes small, run the tests, explain what you did and why. ");
        }

        JsonObject Message(string role, string text) => new()
        {
            ["type"] = "message", ["role"] = role,
            ["content"] = new JsonArray(new JsonObject { ["type"] = "input_text", ["text"] = text }),
        };
        var body = new JsonObject
        {
            ["model"] = "bench-model", ["stream"] = stream,
            ["input"] = new JsonArray(
                Message("developer", filler.ToString()), Message("developer", filler.ToString()), Message("developer", filler.ToString()),
                Message("user", "<environment_context>\n  <cwd>/home/dev/project</cwd>\n  <shell>bash</shell>\n</environment_context>"),
                Message("user", "Run `echo hello` in the shell and tell me what it printed.")),
            ["tools"] = new JsonArray(new JsonObject { ["type"] = "function", ["name"] = "exec_command", ["parameters"] = new JsonObject { ["type"] = "object" } }),
        };
        return Encoding.UTF8.GetBytes(body.ToJsonString());
    }
}
