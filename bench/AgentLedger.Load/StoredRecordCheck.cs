using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;

namespace AgentLedger.Load;

/// <summary>
/// Reads back what the server stored, through the compliance record feed (<c>GET /api/v1/compliance/records
/// ?format=ndjson</c>, records that occurred since the tool started; the key needs <c>compliance.read</c>), counting
/// the records of every source and those of the gateway. The gateway queues an exchange's records once the agent
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
            if ((count.Total == expectedTotal && count.Gateway == expectedGateway) || DateTimeOffset.UtcNow > deadline)
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
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }

            using var record = JsonDocument.Parse(line);
            total++;
            if (record.RootElement.TryGetProperty("source", out var source) && source.ValueEquals("gateway"))
            {
                gateway++;
            }
        }

        return new StoredCount(total, gateway);
    }
}

/// <summary>Records the feed holds: all of them, and the gateway's.</summary>
internal sealed record StoredCount(long Total, long Gateway);
