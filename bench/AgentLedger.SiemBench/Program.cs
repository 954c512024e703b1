using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using AgentLedger.Core.Compliance;
using AgentLedger.Core.Delivery;
using AgentLedger.Core.Keys;
using AgentLedger.Core.Records;
using AgentLedger.Core.Siem;
using AgentLedger.Server.Features.Admin;
using AgentLedger.Server.Features.Siem;
using AgentLedger.Server.Hosting;
using AgentLedger.SiemBench;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

// dotnet run -c Release --project bench/AgentLedger.SiemBench -- [records] [lag-seconds] [rate]
var records = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20_000;
var lagSeconds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20;
var rate = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5_000;
const string Secret = "bench-secret-0123456789";
const string Ws = "bench";

var folder = Directory.CreateTempSubdirectory("agentledger-siembench-").FullName;
await using var app = AgentLedgerApp.Build(
[
    "--urls", "http://127.0.0.1:0", $"--Storage:Sqlite:Path={Path.Combine(folder, "agentledger.db")}", "--Otlp:Grpc:Port=0",
    "--Compliance:Logs:SealingEnabled=false", "--Siem:PollInterval=00:00:00.050", "--Logging:LogLevel:Default=Warning",
]);
await app.StartAsync();
var key = (await app.Services.GetRequiredService<ApiKeyIssuer>().IssueAsync(Ws, "bench", ApiKeyScope.Ingest | ApiKeyScope.Admin, default)).Token;
using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
var product = app.Services.GetRequiredService<ProductInfo>();
var report = new StringBuilder();
var counter = 0;

async Task IngestAsync(int count)
{
    for (var start = 0; start < count; start += 1000)
    {
        var batch = new JsonArray();
        for (var i = start; i < Math.Min(count, start + 1000); i++)
        {
            var n = Interlocked.Increment(ref counter);
            batch.Add(new JsonObject
            {
                ["event_id"] = $"e-{n}", ["type"] = n % 2 == 0 ? "model.response" : "user.prompt", ["occurred_at"] = DateTimeOffset.UtcNow.ToString("O"),
                ["client_id"] = "CODEX_CLI", ["user"] = new JsonObject { ["email"] = $"dev{n % 300}@example.com" }, ["session_id"] = $"s-{n / 20}",
                ["model"] = "gpt-5.1-codex-max", ["usage"] = new JsonObject { ["input_tokens"] = 4200, ["output_tokens"] = 800 },
                ["prompt_text"] = "Refactor the uploader so that retries use exponential back-off with jitter and log each attempt.",
            });
        }

        (await http.PostAsync("/api/v1/events", new StringContent(batch.ToJsonString(), Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
    }
}

async Task<string> CreateAsync(JsonObject body)
{
    var response = await http.PostAsJsonAsync($"/api/v1/workspaces/{Ws}/siem/destinations", body);
    var json = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    if (!response.IsSuccessStatusCode)
    {
        throw new InvalidOperationException(json.ToJsonString());
    }

    return (string)json["id"]!;
}

async Task<double> WaitForAsync(Func<long> count, long target, Stopwatch watch)
{
    while (count() < target)
    {
        await Task.Delay(10);
    }

    return watch.Elapsed.TotalSeconds;
}

await IngestAsync(records);
var stored = await app.Services.GetRequiredService<IRecordReader>().ReadAfterSeqAsync(Ws, 0, records, default);
var items = stored.Select(SiemItem.Of).ToList();
var events = new SiemEventWriter(SiemPayloadFormat.Native, SiemContentLevel.Metadata, product);
report.AppendLine(CultureInfo.InvariantCulture, $"{records:N0} records stored; batches of 500 records; native JSON, metadata only.");
report.AppendLine();
report.AppendLine("| destination | bare transport (baseline) records/s | AgentLedger delivery records/s | ratio |");
report.AppendLine("|---|---:|---:|---:|");

// Webhook: the baseline POSTs the same signed NDJSON batches in a plain loop; then a destination delivers them.
await using (var sink = new WebhookSink(Secret))
{
    await sink.StartAsync();
    using var raw = new HttpClient();
    var watch = Stopwatch.StartNew();
    foreach (var chunk in items.Chunk(500))
    {
        var body = new ArrayBufferWriter<byte>();
        foreach (var item in chunk)
        {
            body.Write(events.ToUtf8(item));
            body.Write("\n"u8);
        }

        var bytes = body.WrittenSpan.ToArray();
        var ts = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, sink.Url) { Content = new ByteArrayContent(bytes) };
        request.Headers.Add(WebhookSignature.TimestampHeader, ts.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(Encoding.UTF8.GetBytes(Secret), ts, bytes));
        (await raw.SendAsync(request)).EnsureSuccessStatusCode();
    }

    var baseline = records / watch.Elapsed.TotalSeconds;
    watch.Restart();
    var id = await CreateAsync(new JsonObject
    {
        ["name"] = "bench webhook", ["kind"] = "webhook", ["endpoint"] = new JsonObject { ["url"] = sink.Url.ToString() },
        ["secrets"] = new JsonObject { ["webhook_secret"] = Secret },
    });
    var delivered = records / await WaitForAsync(() => sink.Lines, 2L * records, watch);
    await http.DeleteAsync($"/api/v1/workspaces/{Ws}/siem/destinations/{id}");
    report.AppendLine(CultureInfo.InvariantCulture, $"| webhook (loopback HTTP, HMAC-signed) | {baseline:N0} | {delivered:N0} | {delivered / baseline:P0} |");
}

// Syslog over TLS to a real rsyslogd: the baseline writes the same octet-counted frames on one TLS connection.
if (RsyslogSink.Available)
{
    await using var rsyslog = new RsyslogSink();
    await rsyslog.StartAsync();
    var formatter = new SyslogMessageFormatter(events, "bench-host");
    var watch = Stopwatch.StartNew();
    using (var tcp = new TcpClient())
    {
        await tcp.ConnectAsync("127.0.0.1", rsyslog.Port);
        var peer = new SiemDestination
        {
            WorkspaceId = Ws, Id = "baseline", Name = "baseline", Kind = SiemDestinationKind.Syslog, Format = SiemPayloadFormat.Native,
            Endpoint = new SiemEndpoint { Host = "127.0.0.1", Port = rsyslog.Port, CaCertificatePem = rsyslog.CaPem },
            CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
        };
        await using var ssl = new SslStream(tcp.GetStream(), false);
        await ssl.AuthenticateAsClientAsync(SiemTls.ClientOptions(peer, "127.0.0.1"));
        foreach (var chunk in items.Chunk(500))
        {
            var frames = new ArrayBufferWriter<byte>();
            foreach (var item in chunk)
            {
                formatter.AppendFrame(frames, item);
            }

            await ssl.WriteAsync(frames.WrittenMemory);
        }

        await ssl.FlushAsync();
        await WaitForAsync(rsyslog.Lines, records, watch);
    }

    var baseline = records / watch.Elapsed.TotalSeconds;
    watch.Restart();
    var id = await CreateAsync(new JsonObject
    {
        ["name"] = "bench syslog", ["kind"] = "syslog",
        ["endpoint"] = new JsonObject { ["host"] = "127.0.0.1", ["port"] = rsyslog.Port, ["transport"] = "tls", ["ca_certificate_pem"] = rsyslog.CaPem },
    });
    var delivered = records / await WaitForAsync(rsyslog.Lines, 2L * records, watch);
    await http.DeleteAsync($"/api/v1/workspaces/{Ws}/siem/destinations/{id}");
    report.AppendLine(CultureInfo.InvariantCulture, $"| syslog RFC 5425 over TLS to rsyslogd (imtcp+gtls, mmpstrucdata, omfile) | {baseline:N0} | {delivered:N0} | {delivered / baseline:P0} |");
}
else
{
    report.AppendLine("| syslog over TLS | rsyslogd not installed | | |");
}

// Lag under a steady ingest: a webhook destination starting now, events posted at the target rate.
await using (var sink = new WebhookSink(Secret))
{
    await sink.StartAsync();
    var id = await CreateAsync(new JsonObject
    {
        ["name"] = "lag webhook", ["kind"] = "webhook", ["start_from"] = "now", ["endpoint"] = new JsonObject { ["url"] = sink.Url.ToString() },
        ["secrets"] = new JsonObject { ["webhook_secret"] = Secret },
    });
    var store = app.Services.GetRequiredService<ISiemStore>();
    var statuses = app.Services.GetRequiredService<SiemStatusReader>();
    var destination = (await store.FindAsync(Ws, id, default))!;
    var samples = new List<(double Records, double Seconds)>();
    using var stop = new CancellationTokenSource();
    var sampler = Task.Run(async () =>
    {
        while (!stop.IsCancellationRequested)
        {
            var s = (await statuses.ReadAsync(destination, default))!;
            lock (samples)
            {
                samples.Add((s.LagRecords, s.LagSeconds));
            }

            await Task.Delay(250);
        }
    });
    var perTick = rate / 10;
    var watch = Stopwatch.StartNew();
    var sent = 0;
    var tick = 0;
    while (watch.Elapsed < TimeSpan.FromSeconds(lagSeconds))
    {
        await IngestAsync(perTick);
        sent += perTick;
        tick++;
        var due = TimeSpan.FromMilliseconds(100 * tick) - watch.Elapsed;
        if (due > TimeSpan.Zero)
        {
            await Task.Delay(due);
        }
    }

    var ingestSeconds = watch.Elapsed.TotalSeconds;
    var lastSeq = (await app.Services.GetRequiredService<IRecordReader>().CountAsync(Ws, default)).LastSeq;
    var drained = await WaitForAsync(() => store.GetStateAsync(Ws, id, default).Result!.CheckpointSeq, lastSeq, watch) - ingestSeconds;
    await stop.CancelAsync();
    await sampler;
    var lagRecords = samples.Select(s => s.Records).Order().ToList();
    var lagSecondsList = samples.Select(s => s.Seconds).Order().ToList();
    report.AppendLine();
    report.AppendLine(CultureInfo.InvariantCulture,
        $"Steady ingest: target {rate:N0} events/s for {lagSeconds} s; achieved {sent / ingestSeconds:N0} events/s ({sent:N0} events through POST /api/v1/events, batches of {perTick}); webhook received {sink.Lines:N0}.");
    report.AppendLine();
    report.AppendLine("| lag sampled every 250 ms | p50 | p95 | max |");
    report.AppendLine("|---|---:|---:|---:|");
    report.AppendLine(CultureInfo.InvariantCulture, $"| records behind | {P(lagRecords, 0.5):N0} | {P(lagRecords, 0.95):N0} | {lagRecords[^1]:N0} |");
    report.AppendLine(CultureInfo.InvariantCulture, $"| seconds behind (oldest undelivered) | {P(lagSecondsList, 0.5):N2} | {P(lagSecondsList, 0.95):N2} | {lagSecondsList[^1]:N2} |");
    report.AppendLine();
    report.AppendLine(CultureInfo.InvariantCulture, $"Caught up {drained:N2} s after the ingest stopped.");
}

report.AppendLine();
report.AppendLine(CultureInfo.InvariantCulture,
    $"Machine: {Environment.ProcessorCount} cores, {File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':')[1].Trim()}; load average when done: {File.ReadAllText("/proc/loadavg").Trim()}; .NET {Environment.Version}.");
Console.WriteLine(report.ToString());
await app.StopAsync();
Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
Directory.Delete(folder, recursive: true);
return;

static double P(List<double> sorted, double q) => sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)(q * sorted.Count))];
