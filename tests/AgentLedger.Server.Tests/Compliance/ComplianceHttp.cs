using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using AgentLedger.Core.Keys;
using AgentLedger.Server.Tests.Testing;

namespace AgentLedger.Server.Tests.Compliance;

/// <summary>Calls of the compliance API that several test classes make.</summary>
public static class ComplianceHttp
{
    public static string KeyIdOf(string token) => ApiKeySecret.TryParse(token, out var key) ? key.KeyId : throw new ArgumentException("not a key");

    /// <summary>The workspace's audit events from the native audit feed (this read is itself audited, after the page).</summary>
    public static async Task<List<JsonObject>> ReadAuditEventsAsync(this HttpClient client)
    {
        var events = new List<JsonObject>();
        var after = "0";
        while (true)
        {
            var page = await (await client.GetAsync($"/api/v1/compliance/audit-events?limit=1000&after={after}")).EnsureSuccessStatusCode().ReadJsonAsync();
            events.AddRange(page["data"]!.AsArray().Select(n => n!.AsObject()));
            after = (string)page["next_page"]!;
            if (!(bool)page["has_more"]!)
            {
                return events;
            }
        }
    }

    public static async Task<JsonObject> WaitForExportAsync(this HttpClient client, string exportId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            var job = await (await client.GetAsync($"/api/v1/compliance/exports/{exportId}")).EnsureSuccessStatusCode().ReadJsonAsync();
            var status = (string)job["status"]!;
            if (status is "completed" or "failed" || DateTime.UtcNow > deadline)
            {
                return job;
            }

            await Task.Delay(100);
        }
    }

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string path, JsonNode body) =>
        client.PostAsync(path, new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));

    public static async Task<JsonObject> ReadProblemAsync(this HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonObject>())!;
}
