using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AgentLedger.Server.Tests.Testing;

namespace AgentLedger.Server.Tests.Siem;

/// <summary>The SIEM admin API and the event ingest as a test drives them.</summary>
public static class SiemApi
{
    public static string DestinationsPath(string workspaceId) => $"/api/v1/workspaces/{workspaceId}/siem/destinations";

    public static async Task<JsonObject> CreateAsync(HttpClient client, string workspaceId, JsonObject body)
    {
        var response = await client.PostAsJsonAsync(DestinationsPath(workspaceId), body);
        var json = await response.ReadJsonAsync();
        Assert.True(response.IsSuccessStatusCode, $"create answered {(int)response.StatusCode}: {json.ToJsonString()}");
        return json;
    }

    public static async Task<JsonObject> GetAsync(HttpClient client, string workspaceId, string destinationId) =>
        await (await client.GetAsync($"{DestinationsPath(workspaceId)}/{destinationId}")).EnsureSuccessStatusCode().ReadJsonAsync();

    /// <summary>Sends <paramref name="count"/> prompts in batches of 500 and returns their event ids in order.</summary>
    public static async Task<List<string>> IngestPromptsAsync(HttpClient client, int count, Func<int, EventBuilder>? shape = null)
    {
        var ids = new List<string>();
        for (var start = 0; start < count; start += 500)
        {
            var events = Enumerable.Range(start, Math.Min(500, count - start))
                .Select(i => (shape?.Invoke(i) ?? EventBuilder.Prompt().Prompt($"prompt {i}")).Session($"s-{i / 10}"))
                .ToArray();
            ids.AddRange(events.Select(e => e.EventId));
            (await client.PostEventsAsync(EventBuilder.Batch(events))).EnsureSuccessStatusCode();
        }

        return ids;
    }

    /// <summary>Polls until <paramref name="done"/> holds or the timeout passes; returns whether it held.</summary>
    public static async Task<bool> WaitUntilAsync(Func<Task<bool>> done, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            if (await done())
            {
                return true;
            }

            await Task.Delay(50);
        }

        return await done();
    }

    public static Task<bool> WaitUntilAsync(Func<bool> done, TimeSpan timeout) => WaitUntilAsync(() => Task.FromResult(done()), timeout);
}
