using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AgentLedger.Server.Tests.Testing;

namespace AgentLedger.Server.Tests.Governance;

/// <summary>Calls the governance API and sends spend as native events, failing with the body when an answer is not a success.</summary>
internal static class GovernanceHttp
{
    public static async Task<JsonObject> PostJsonAsync(this HttpClient client, string path, JsonObject body)
    {
        using var response = await client.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST {path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    public static async Task<JsonNode> GetJsonAsync(this HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    /// <summary>One model response of <paramref name="email"/> worth <paramref name="credits"/> credits (and half as many USD) at <paramref name="at"/>.</summary>
    public static async Task SpendAsync(this HttpClient client, string email, decimal credits, DateTimeOffset at, string model = "gpt-5-codex",
        string clientId = "CODEX_CLI", string agent = "codex")
    {
        var batch = EventBuilder.Batch(EventBuilder.Response().User(email).At(at).Model(model).Client(clientId, agent).Credits(credits)
            .Set("cost_usd", credits / 2).Session("s-" + Guid.NewGuid().ToString("N")));
        (await client.PostEventsAsync(batch)).EnsureSuccessStatusCode();
    }
}
