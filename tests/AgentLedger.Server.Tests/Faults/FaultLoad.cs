using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using AgentLedger.Core.Integrity;
using AgentLedger.Core.Records;
using AgentLedger.Server.Tests.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLedger.Server.Tests.Faults;

/// <summary>
/// Concurrent senders of native-event batches through a fault, keeping the books a fault test is judged by: which
/// events were acknowledged (2xx), how every refusal looked, and — read back from the store afterwards — whether
/// every acknowledged event is stored exactly once with gap-free seqs. A sender resends a refused batch, as an
/// exporter does, until it is acknowledged or the load is stopped.
/// </summary>
internal sealed class FaultLoad(string prefix)
{
    private readonly ConcurrentDictionary<string, byte> _acknowledged = new();
    private readonly ConcurrentQueue<string> _unexpected = new();
    private int _refused;
    private int _noAnswer;

    public int Refused => Volatile.Read(ref _refused);

    /// <summary>Requests that got no answer at all (the connection failed): expected only around a killed server.</summary>
    public int NoAnswer => Volatile.Read(ref _noAnswer);

    public IReadOnlyCollection<string> Acknowledged => _acknowledged.Keys.ToList();

    /// <summary>Answers other than 2xx and the expected 503 (with its checks): each one fails the test.</summary>
    public IReadOnlyCollection<string> Unexpected => _unexpected.ToArray();

    /// <summary>The 503 bodies seen, to check what they name.</summary>
    public ConcurrentQueue<JsonObject> Refusals { get; } = new();

    public static JsonArray Batch(string prefix, int sender, int batch, int size) =>
        EventBuilder.Batch(Enumerable.Range(0, size)
            .Select(i => EventBuilder.Prompt().Id($"{prefix}-{sender}-{batch}-{i}").Session($"s-{sender}")
                .Prompt($"fault-test prompt {sender}/{batch}/{i} " + new string('x', 400)))
            .ToArray());

    /// <summary>Runs <paramref name="senders"/> senders of <paramref name="batches"/> batches each until all are acknowledged or <paramref name="stop"/>.</summary>
    public Task RunAsync(Func<HttpClient> client, int senders, int batches, int size, CancellationToken stop) =>
        Task.WhenAll(Enumerable.Range(0, senders).Select(s => Task.Run(() => SendAllAsync(client(), s, batches, size, stop), CancellationToken.None)));

    /// <summary>Sends one batch once and books the answer; true when acknowledged.</summary>
    public async Task<bool> SendOnceAsync(HttpClient client, JsonArray batch)
    {
        HttpResponseMessage response;
        try
        {
            response = await client.PostEventsAsync(batch);
        }
        catch (HttpRequestException)
        {
            Interlocked.Increment(ref _noAnswer);
            return false;
        }

        using (response)
        {
            if (response.IsSuccessStatusCode)
            {
                foreach (var e in batch)
                {
                    _acknowledged.TryAdd((string)e!["event_id"]!, 0);
                }

                return true;
            }

            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable)
            {
                _unexpected.Enqueue($"{(int)response.StatusCode}: {body}");
                return false;
            }

            Interlocked.Increment(ref _refused);
            if (response.Headers.RetryAfter?.Delta is not { TotalSeconds: >= 1 })
            {
                _unexpected.Enqueue("503 without Retry-After: " + body);
            }

            if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
            {
                _unexpected.Enqueue("503 that is not problem details: " + body);
            }
            else
            {
                Refusals.Enqueue(JsonNode.Parse(body)!.AsObject());
            }

            return false;
        }
    }

    /// <summary>Every stored record of the workspace in seq order: (seq, event id).</summary>
    public static async Task<List<(long Seq, string EventId)>> StoredAsync(IServiceProvider services, string workspaceId)
    {
        var reader = services.GetRequiredService<IRecordReader>();
        var stored = new List<(long, string)>();
        var after = 0L;
        while (true)
        {
            var page = await reader.ReadAfterSeqAsync(workspaceId, after, 1000, CancellationToken.None);
            if (page.Count == 0)
            {
                return stored;
            }

            stored.AddRange(page.Select(r => (r.Seq, r.EventId)));
            after = page[^1].Seq;
        }
    }

    /// <summary>
    /// The books after the fault: acknowledged events missing from the store (must be 0), events stored twice (must be
    /// 0) and whether seqs run 1..n without a gap. Also fails on an invalid hash chain.
    /// </summary>
    public async Task<(int Lost, int Duplicates, bool SeqGapFree, int Stored)> AuditAsync(IServiceProvider services, string workspaceId)
    {
        var chain = await services.GetRequiredService<RecordChainVerifier>().VerifyAsync(workspaceId, CancellationToken.None);
        Assert.True(chain is { Valid: true }, "the hash chain does not verify: " + string.Join("; ", chain?.Problems.Select(p => p.ToString()) ?? []));
        return Audit(await StoredAsync(services, workspaceId));
    }

    /// <summary>The same books over records read some other way (e.g. from the feed of a server in another process).</summary>
    public (int Lost, int Duplicates, bool SeqGapFree, int Stored) Audit(IReadOnlyList<(long Seq, string EventId)> stored)
    {
        var ids = stored.Select(r => r.EventId).ToList();
        var distinct = ids.ToHashSet();
        var lost = _acknowledged.Keys.Count(id => !distinct.Contains(id));
        var gapFree = stored.Select(r => r.Seq).SequenceEqual(Enumerable.Range(1, stored.Count).Select(i => (long)i));
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{prefix}: acknowledged {_acknowledged.Count}, stored {stored.Count}, refused {Refused}; acknowledged records lost: {lost}");
        return (lost, ids.Count - distinct.Count, gapFree, stored.Count);
    }

    private async Task SendAllAsync(HttpClient client, int sender, int batches, int size, CancellationToken stop)
    {
        using (client)
        {
            for (var b = 0; b < batches && !stop.IsCancellationRequested; b++)
            {
                var batch = Batch(prefix, sender, b, size);
                if (batch.All(e => _acknowledged.ContainsKey((string)e!["event_id"]!)))
                {
                    continue; // acknowledged in an earlier run of the same load
                }

                while (!stop.IsCancellationRequested && !await SendOnceAsync(client, batch))
                {
                    // Sooner than Retry-After: the test wants many attempts through the fault.
                    await Task.Delay(100, CancellationToken.None);
                }
            }
        }
    }
}
