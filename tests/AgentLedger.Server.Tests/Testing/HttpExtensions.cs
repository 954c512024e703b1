using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AgentLedger.Server.Tests.Testing;

public static class HttpExtensions
{
    public static Task<HttpResponseMessage> PostEventsAsync(this HttpClient client, JsonNode body) =>
        client.PostAsync("/api/v1/events", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));

    public static Task<HttpResponseMessage> PostRawAsync(this HttpClient client, string path, string body, string contentType) =>
        client.PostAsync(path, new StringContent(body, Encoding.UTF8, contentType));

    public static async Task<JsonObject> ReadJsonAsync(this HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonObject>())!;

    /// <summary>Every record of the workspace, paging the feed to its end.</summary>
    public static async Task<List<JsonObject>> ReadAllRecordsAsync(this HttpClient client, string workspaceId)
    {
        var records = new List<JsonObject>();
        string? after = null;
        while (true)
        {
            var url = $"/api/v1/workspaces/{workspaceId}/records?limit=1000" + (after is null ? "" : $"&after={after}");
            var page = await (await client.GetAsync(url)).EnsureSuccessStatusCode().ReadJsonAsync();
            records.AddRange(page["data"]!.AsArray().Select(n => n!.AsObject()));
            after = (string?)page["next_page"];
            if (!(bool)page["has_more"]!)
            {
                return records;
            }
        }
    }

    public static string Pretty(this JsonNode node) => node.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
}
