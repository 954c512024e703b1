using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;

namespace AgentLedger.Load;

/// <summary>
/// Reads back what the server stored, through the compliance record feed (<c>GET /api/v1/compliance/records
/// ?format=ndjson</c>, records that occurred since the tool started; the key needs <c>compliance.read</c>), counting
/// the records of every source and those of the gateway. A model call the tool counts as rejected may still be
/// recorded — a provider error or a policy refusal is a compliance fact, stored as an <c>api.error</c> record with the
/// call's prompt and tool results — so the gateway exchanges that hold an <c>api.error</c> are counted apart (by
/// their <c>gateway.exchange_id</c>) and the rest is compared with what was acknowledged. The gateway queues an exchange's records once the agent
/// has its whole answer, so the count is read again until it reaches what was acknowledged or stops moving.
/// </summary>
internal static class StoredRecordCheck
{
    public static async Task<StoredCount> WaitForAsync(HttpClient http, string key, DateTimeOffset since, long expectedTotal, long expectedGateway,
        TextWriter log, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(60);
        StoredCount? last = null;
        var unchanged = 0;
        while (true)
        {
            var count = await CountAsync(http, key, since, cancellationToken).ConfigureAwait(false);
            if (count.Matches(expectedTotal, expectedGateway) || DateTimeOffset.UtcNow > deadline)
            {
                return count;
            }

            unchanged = count == last ? unchanged + 1 : 0;
            if (unchanged >= 3)
            {
                return count;
            }

            last = count;
            await log.WriteLineAsync($"  stored {count.Total:N0} so far (gateway {count.Gateway:N0}), expected {expectedTotal:N0} (gateway {expectedGateway:N0}); reading again").ConfigureAwait(false);
            await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken).ConfigureAwait(false);
        }
    }

    public static async Task<StoredCount> CountAsync(HttpClient http, string key, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var start = since.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/compliance/records?format=ndjson&start_time={start}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException(
                $"Reading the record feed failed with {(int)response.StatusCode} (the key needs compliance.read): {await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)}");
        }

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var reader = new StreamReader(stream);
        long total = 0, gateway = 0;
        var byExchange = new Dictionary<string, int>(StringComparer.Ordinal);
        var failed = new HashSet<string>(StringComparer.Ordinal);
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }

            using var record = JsonDocument.Parse(line);
            total++;
            var root = record.RootElement;
            if (!root.TryGetProperty("source", out var source) || !source.ValueEquals("gateway"))
            {
                continue;
            }

            gateway++;
            var exchange = root.TryGetProperty("attributes", out var attributes) && attributes.ValueKind == JsonValueKind.Object
                && attributes.TryGetProperty("gateway", out var g) && g.ValueKind == JsonValueKind.Object && g.TryGetProperty("exchange_id", out var id)
                ? id.GetString() ?? ""
                : "";
            byExchange[exchange] = byExchange.GetValueOrDefault(exchange) + 1;
            if (root.TryGetProperty("kind", out var kind) && kind.ValueEquals("api.error"))
            {
                failed.Add(exchange);
            }
        }

        return new StoredCount(total, gateway, failed.Count, failed.Sum(e => (long)byExchange[e]));
    }
}

/// <summary>
/// Records the feed holds: all of them, the gateway's, and among those the exchanges that ended in an
/// <c>api.error</c> (refused or failed model calls) with their records.
/// </summary>
internal sealed record StoredCount(long Total, long Gateway, long FailedExchanges, long FailedExchangeRecords)
{
    /// <summary>Whether the records of the calls that succeeded are exactly those acknowledged.</summary>
    public bool Matches(long expectedTotal, long expectedGateway) =>
        Total - FailedExchangeRecords == expectedTotal && Gateway - FailedExchangeRecords == expectedGateway;

    public string Describe(long expectedTotal, long expectedGateway, bool withGateway)
    {
        var c = CultureInfo.InvariantCulture;
        var failed = FailedExchanges > 0
            ? $", and {FailedExchangeRecords.ToString("N0", c)} records of {FailedExchanges.ToString("N0", c)} rejected model calls the gateway recorded as api.error"
            : "";
        return $"stored {(Total - FailedExchangeRecords).ToString("N0", c)}, expected {expectedTotal.ToString("N0", c)}"
               + (withGateway ? $" (gateway: stored {(Gateway - FailedExchangeRecords).ToString("N0", c)}, expected {expectedGateway.ToString("N0", c)})" : "")
               + failed;
    }
}
