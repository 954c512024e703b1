using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace AgentLedger.CrashTest;

/// <summary>The two HTTP calls the crash test makes: post a batch of native events, and page the record feed.</summary>
public sealed class IngestClient : IDisposable
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly HttpClient _http;
    private readonly string _workspaceId;

    public IngestClient(string apiKey, string workspaceId, TimeSpan requestTimeout)
    {
        _workspaceId = workspaceId;
        _http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64, PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30) })
        {
            Timeout = requestTimeout,
        };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("agentledger-crashtest/1.0");
    }

    /// <summary>The server's address; it changes at every restart (the kernel picks the port).</summary>
    public Uri? BaseAddress { get; set; }

    public async Task<IngestOutcome> PostAsync(SentBatch batch, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(batch.Body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        try
        {
            using var response = await _http.PostAsync(new Uri(BaseAddress!, "/api/v1/events"), content, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                return new IngestOutcome(false, 0, 0, 0, $"HTTP {(int)response.StatusCode}");
            }

            // The 2xx status line is the acknowledgement; a body cut off by the crash does not undo it.
            try
            {
                var answer = await response.Content.ReadFromJsonAsync<IngestAnswer>(Json, cancellationToken).ConfigureAwait(false);
                return new IngestOutcome(true, answer?.Accepted ?? 0, answer?.Duplicates ?? 0, answer?.Rejected?.Count ?? 0, null);
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or JsonException)
            {
                return new IngestOutcome(true, -1, -1, 0, null);
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new IngestOutcome(false, 0, 0, 0, ex.GetType().Name);
        }
    }

    /// <summary>Pages the whole record feed by seq (keyset, 1,000 a page) and returns (seq, event_id) in feed order.</summary>
    public async Task<List<(long Seq, string EventId)>> ReadFeedAsync(CancellationToken cancellationToken)
    {
        var rows = new List<(long, string)>();
        string? after = null;
        while (true)
        {
            var query = after is null ? "limit=1000" : $"after={after}&limit=1000";
            var page = await _http.GetFromJsonAsync<FeedPage>(new Uri(BaseAddress!, $"/api/v1/workspaces/{_workspaceId}/records?{query}"), Json, cancellationToken)
                .ConfigureAwait(false) ?? throw new InvalidOperationException("The record feed answered with an empty body.");
            rows.AddRange(page.Data.Select(r => (r.Seq, r.EventId)));
            if (!page.HasMore)
            {
                return rows;
            }

            after = page.NextPage;
        }
    }

    public void Dispose() => _http.Dispose();

    private sealed record IngestAnswer(int Accepted, int Duplicates, int Records, IReadOnlyList<JsonElement>? Rejected);

    private sealed record FeedPage(IReadOnlyList<FeedRecord> Data, bool HasMore, string? NextPage);

    private sealed record FeedRecord(long Seq, string EventId);
}
