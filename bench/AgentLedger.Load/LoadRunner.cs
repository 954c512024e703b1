using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using AgentLedger.Otlp.Proto.Collector.Logs.V1;
using AgentLedger.Otlp.Proto.Collector.Metrics.V1;

namespace AgentLedger.Load;

/// <summary>
/// Closed-loop senders (<c>--concurrency</c> of them) that post requests back to back, or paced to a target rate of
/// records per second, until the duration or the record count is reached. Requests that start during the warm-up
/// are sent but not counted.
/// </summary>
internal sealed class LoadRunner(HttpClient http, RequestFactory factory, GatewayTraffic? gateway, LoadOptions options, TextWriter progress, PostgreSqlCluster? database)
{
    public LoadStats Measured { get; } = new();

    public LoadStats WarmUp { get; } = new();

    /// <summary>The measured window per kind of traffic (a kind's requests are also counted in <see cref="Measured"/>).</summary>
    public IReadOnlyDictionary<TrafficKind, LoadStats> MeasuredByKind { get; } = options.Mix.ToDictionary(m => m.Kind, _ => new LoadStats());

    public IReadOnlyDictionary<TrafficKind, LoadStats> WarmUpByKind { get; } = options.Mix.ToDictionary(m => m.Kind, _ => new LoadStats());

    /// <summary>Wall-clock seconds of the measured window (from the end of warm-up to the last answer).</summary>
    public double MeasuredSeconds { get; private set; }

    public ProcessSample? ServerAtStart { get; private set; }

    public ProcessSample? ServerAtEnd { get; private set; }

    public long ServerPeakRssKiB { get; private set; }

    public double ClientCpuSeconds { get; private set; }

    /// <summary>CPU seconds of PostgreSQL (all its processes) over the measured window, when the tool started it.</summary>
    public double? DatabaseCpuSeconds { get; private set; }

    public long DatabaseRssKiB { get; private set; }

    private long _reserved;

    public async Task RunAsync(int? serverPid, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var warmUp = options.WarmUp;
        var end = warmUp + options.Duration;
        var measureStarted = TimeSpan.Zero;
        var clientCpuStart = TimeSpan.Zero;
        double? databaseCpuStart = null;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var mix = options.Mix;
        var totalWeight = mix.Sum(m => m.Weight);

        async Task SendLoopAsync(int worker)
        {
            var random = new Random(options.Seed * 7919 + worker);
            while (!stop.IsCancellationRequested)
            {
                var pick = random.Next(totalWeight);
                var kind = mix.First(m => (pick -= m.Weight) < 0).Kind;
                var (request, call) = TrafficKinds.IsGateway(kind)
                    ? (null, await gateway!.NextAsync(kind, random, stop.Token).ConfigureAwait(false))
                    : (factory.Create(kind, random, options.Batch), default((GatewayConversation, GatewayCall)?));
                // A model call's tool calls are known only from its answer: the pacing counts what the request carries.
                var known = request?.Records ?? call!.Value.Item2.KnownRecords;
                var reserved = Interlocked.Add(ref _reserved, known);
                if (options.Events is { } cap && reserved - known >= cap)
                {
                    return;
                }

                if (options.Rate is { } rate)
                {
                    var due = TimeSpan.FromSeconds((double)(reserved - known) / rate);
                    var wait = due - clock.Elapsed;
                    if (wait > TimeSpan.Zero)
                    {
                        await Task.Delay(wait, stop.Token).ConfigureAwait(false);
                    }
                }

                var startedAt = clock.Elapsed;
                if (options.Events is null && startedAt >= end)
                {
                    return;
                }

                var inWarmUp = startedAt < warmUp;
                if (call is var (conversation, gatewayCall))
                {
                    var outcome = await gateway!.SendAsync(conversation, gatewayCall, random, stop.Token).ConfigureAwait(false);
                    var status = outcome.Completed || outcome.Status is < 200 or >= 300 ? outcome.Status : LoadStats.IncompleteStream;
                    (inWarmUp ? WarmUp : Measured).Record(outcome.Records, status, 0, outcome.LatencyMs, outcome.TtfbMs);
                    (inWarmUp ? WarmUpByKind : MeasuredByKind)[kind].Record(outcome.Records, status, 0, outcome.LatencyMs, outcome.TtfbMs);
                    continue;
                }

                var (sentStatus, rejectedInside) = await SendAsync(request!, stop.Token).ConfigureAwait(false);
                var latency = (clock.Elapsed - startedAt).TotalMilliseconds;
                (inWarmUp ? WarmUp : Measured).Record(request!.Records, sentStatus, rejectedInside, latency);
                (inWarmUp ? WarmUpByKind : MeasuredByKind)[kind].Record(request.Records, sentStatus, rejectedInside, latency);
            }
        }

        var sampler = serverPid is { } pid ? Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await Task.Delay(250, CancellationToken.None).ConfigureAwait(false);
                if (clock.Elapsed >= warmUp)
                {
                    ServerPeakRssKiB = Math.Max(ServerPeakRssKiB, ProcessSample.Take(pid).RssKiB);
                }
            }
        }, CancellationToken.None) : Task.CompletedTask;

        var workers = Enumerable.Range(0, options.Concurrency).Select(w => Task.Run(() => SendLoopAsync(w), CancellationToken.None)).ToArray();
        var reporter = Task.Run(async () =>
        {
            var lastAck = 0L;
            var lastCpu = serverPid is { } p ? ProcessSample.Take(p).CpuSeconds : 0;
            var measuring = false;
            while (!workers.All(w => w.IsCompleted))
            {
                await Task.WhenAny(Task.Delay(1000, CancellationToken.None), Task.WhenAll(workers)).ConfigureAwait(false);
                if (!measuring && clock.Elapsed >= warmUp)
                {
                    measuring = true;
                    measureStarted = clock.Elapsed;
                    clientCpuStart = Process.GetCurrentProcess().TotalProcessorTime;
                    ServerAtStart = serverPid is { } sp ? ProcessSample.Take(sp) : null;
                    databaseCpuStart = database?.CpuSecondsOfAll();
                }

                var ack = WarmUp.Acknowledged + Measured.Acknowledged;
                var line = $"[{clock.Elapsed.TotalSeconds,6:F1}s] {(measuring ? "measuring" : "warm-up  ")} sent {WarmUp.Sent + Measured.Sent,10:N0}  ack {ack,10:N0}  "
                           + $"rejected {WarmUp.RejectedRecords + Measured.RejectedRecords,7:N0}  last second {ack - lastAck,7:N0} records/s";
                lastAck = ack;
                if (serverPid is { } spid && File.Exists($"/proc/{spid}/stat"))
                {
                    var sample = ProcessSample.Take(spid);
                    line += $"  server CPU {(sample.CpuSeconds - lastCpu) * 100,4:F0}%  RSS {sample.RssKiB / 1024.0,6:F0} MiB";
                    lastCpu = sample.CpuSeconds;
                }

                await progress.WriteLineAsync(line).ConfigureAwait(false);
            }
        }, CancellationToken.None);

        await Task.WhenAll(workers).ConfigureAwait(false);
        var finishedAt = clock.Elapsed;
        await reporter.ConfigureAwait(false);
        if (measureStarted == TimeSpan.Zero)
        {
            measureStarted = warmUp;
            clientCpuStart = Process.GetCurrentProcess().TotalProcessorTime;
        }

        ServerAtEnd = serverPid is { } endPid ? ProcessSample.Take(endPid) : null;
        if (database is not null)
        {
            DatabaseCpuSeconds = database.CpuSecondsOfAll() - (databaseCpuStart ?? 0);
            DatabaseRssKiB = database.RssKiBOfAll();
        }
        ServerAtStart ??= ServerAtEnd;
        await stop.CancelAsync().ConfigureAwait(false);
        await sampler.ConfigureAwait(false);
        MeasuredSeconds = (finishedAt - measureStarted).TotalSeconds;
        ClientCpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - clientCpuStart).TotalSeconds;
    }

    private async Task<(int Status, int RejectedInside)> SendAsync(LoadRequest request, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, request.Path) { Content = new ByteArrayContent(request.Body) };
        message.Content.Headers.ContentType = new MediaTypeHeaderValue(request.ContentType);
        if (request.Kind != TrafficKind.GitHubWebhooks)
        {
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.Key);
        }

        foreach (var (name, value) in request.Headers)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        try
        {
            using var response = await http.SendAsync(message, cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            return (status, response.IsSuccessStatusCode ? RejectedInside(request, body) : 0);
        }
        catch (HttpRequestException)
        {
            return (0, 0);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (0, 0); // the client's timeout
        }
    }

    /// <summary>Records a 2xx answer says it did not take: OTLP <c>partial_success</c>, native events' <c>rejected</c>.</summary>
    private static int RejectedInside(LoadRequest request, byte[] body)
    {
        if (body.Length == 0)
        {
            return 0;
        }

        switch (request.Kind)
        {
            case TrafficKind.OtlpLogsProtobuf:
                return (int)(ExportLogsServiceResponse.Parser.ParseFrom(body).PartialSuccess?.RejectedLogRecords ?? 0);
            case TrafficKind.OtlpMetricsProtobuf:
                return (int)(ExportMetricsServiceResponse.Parser.ParseFrom(body).PartialSuccess?.RejectedDataPoints ?? 0);
            case TrafficKind.OtlpLogsJson:
                using (var json = JsonDocument.Parse(body))
                {
                    return json.RootElement.TryGetProperty("partialSuccess", out var partial) && partial.TryGetProperty("rejectedLogRecords", out var n)
                        ? int.Parse(n.ToString(), System.Globalization.CultureInfo.InvariantCulture)
                        : 0;
                }

            case TrafficKind.NativeEvents:
                using (var json = JsonDocument.Parse(body))
                {
                    return json.RootElement.TryGetProperty("rejected", out var rejected) && rejected.ValueKind == JsonValueKind.Array ? rejected.GetArrayLength() : 0;
                }

            default:
                return 0;
        }
    }
}

/// <summary>CPU seconds used so far and resident memory of a process.</summary>
internal readonly record struct ProcessSample(double CpuSeconds, long RssKiB)
{
    public static ProcessSample Take(int pid) => new(Bench.ProcStat.CpuSeconds(pid), Bench.ProcStat.StatusKiB(pid, "VmRSS"));
}
