using System.Text.Json;

namespace AgentLedger.Browser.Tests;

/// <summary>The workspace's audit log read through the Compliance API, and small readers of its lines and of records.</summary>
public static class AuditEvents
{
    public static async Task<List<JsonElement>> ReadAllAsync(HttpClient api)
    {
        var events = new List<JsonElement>();
        var after = "0";
        while (true)
        {
            using var document = JsonDocument.Parse(await api.GetStringAsync($"/api/v1/compliance/audit-events?limit=1000&after={after}"));
            events.AddRange(document.RootElement.GetProperty("data").EnumerateArray().Select(e => e.Clone()));
            if (!document.RootElement.GetProperty("has_more").GetBoolean())
            {
                return events;
            }

            after = document.RootElement.GetProperty("next_page").GetString()!;
        }
    }

    public static string? Action(JsonElement e) => e.GetProperty("action").GetString();

    public static string? ActorName(JsonElement e) => e.GetProperty("actor").TryGetProperty("name", out var n) ? n.GetString() : null;

    /// <summary>A record's stored DLP findings (attributes.dlp_findings), see docs/dlp.md.</summary>
    public static IEnumerable<JsonElement> Findings(JsonElement record) =>
        record.TryGetProperty("attributes", out var a) && a.ValueKind == JsonValueKind.Object && a.TryGetProperty("dlp_findings", out var f)
            ? f.EnumerateArray()
            : [];
}
