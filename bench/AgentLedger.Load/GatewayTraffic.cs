using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;

namespace AgentLedger.Load;

/// <summary>
/// Model calls through the gateway, one session at a time per caller: a sender takes an idle session of the kind
/// (or opens a new one for a random developer), sends its next call, reads the streamed answer to the provider's
/// final event, and puts the session back unless it ended. A failed call ends its session.
/// </summary>
internal sealed class GatewayTraffic(HttpClient http, VirtualFleet fleet, GatewayKeys keys, IReadOnlyList<string> prompts)
{
    private readonly ConcurrentDictionary<TrafficKind, ConcurrentBag<GatewayConversation>> _idle = new();
    private long _sessions;

    public long SessionsStarted => Interlocked.Read(ref _sessions);

    public int KeysIssued => keys.Issued;

    /// <summary>Takes or opens a session and builds its next call (issuing the developer's key the first time).</summary>
    public async Task<(GatewayConversation Conversation, GatewayCall Call)> NextAsync(TrafficKind kind, Random random, CancellationToken cancellationToken)
    {
        var idle = _idle.GetOrAdd(kind, _ => []);
        if (!idle.TryTake(out var conversation))
        {
            var user = fleet.Pick(random);
            var key = await keys.ForAsync(user, cancellationToken).ConfigureAwait(false);
            conversation = kind == TrafficKind.GatewayOpenAi
                ? new CodexConversation(user, key, prompts, random)
                : new ClaudeConversation(user, key, prompts, random);
            Interlocked.Increment(ref _sessions);
        }

        return (conversation, conversation.NextCall(random));
    }

    /// <summary>Sends the call and reads the whole stream; TTFB is the first body byte (the first event).</summary>
    /// <returns>The status (0 for a transport error), whether the stream completed, the records the exchange stores, and the times.</returns>
    public async Task<GatewayOutcome> SendAsync(GatewayConversation conversation, GatewayCall call, Random random, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, call.Path) { Content = new ByteArrayContent(call.Body) };
        message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        foreach (var (name, value) in call.Headers)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        var started = Stopwatch.GetTimestamp();
        double? ttfb = null;
        int status;
        GatewayAnswer answer;
        try
        {
            using var response = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            status = (int)response.StatusCode;
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            using var body = new MemoryStream();
            var buffer = new byte[16 * 1024];
            int read;
            while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                ttfb ??= Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                body.Write(buffer, 0, read);
            }

            answer = response.IsSuccessStatusCode ? GatewayStreamReader.Read(call.Kind, body.ToArray()) : new GatewayAnswer(false, "", [], null);
        }
        catch (HttpRequestException)
        {
            status = 0;
            answer = new GatewayAnswer(false, "", [], null);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            status = 0; // the client's timeout
            answer = new GatewayAnswer(false, "", [], null);
        }

        var latency = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var ok = status is >= 200 and < 300 && answer.Complete;
        if (ok && conversation.Consume(answer, random))
        {
            _idle.GetOrAdd(call.Kind, _ => []).Add(conversation);
        }

        return new GatewayOutcome(status, ok, call.KnownRecords + (ok ? answer.ToolCalls.Count : 0), latency, ttfb);
    }
}

/// <summary>
/// The result of one call: <see cref="Records"/> are what the gateway stores for the exchange (the new prompt, the
/// tool results sent, the answer, and each tool call the model asked for).
/// </summary>
internal sealed record GatewayOutcome(int Status, bool Completed, int Records, double LatencyMs, double? TtfbMs);
