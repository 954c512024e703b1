using System.Text.Json;

namespace AgentLedger.Browser.Tests;

/// <summary>The demo workspace's whole record feed, read with the API key: what transcripts must show.</summary>
public sealed record ComplianceFeed(IReadOnlyList<JsonElement> Records)
{
    public static async Task<ComplianceFeed> ReadAsync(DashboardServer server)
    {
        server.Require();
        var records = new List<JsonElement>();
        string? after = null;
        while (true)
        {
            using var document = JsonDocument.Parse(await server.Api.GetStringAsync(
                $"/api/v1/workspaces/{DashboardServer.Workspace}/records?limit=1000{(after is null ? "" : "&after=" + after)}"));
            records.AddRange(document.RootElement.GetProperty("data").EnumerateArray().Select(r => r.Clone()));
            if (!document.RootElement.GetProperty("has_more").GetBoolean())
            {
                return new ComplianceFeed(records);
            }

            after = document.RootElement.GetProperty("next_page").GetString();
        }
    }

    /// <summary>The user and session of the first prompt in the feed.</summary>
    public (string UserId, string SessionId) AnySessionWithPrompt()
    {
        var prompt = Records.First(r => r.TryGetProperty("prompt_text", out _) && r.TryGetProperty("session_id", out _) && r.TryGetProperty("user_id", out _));
        return (prompt.GetProperty("user_id").GetString()!, prompt.GetProperty("session_id").GetString()!);
    }

    public List<JsonElement> RecordsOf(string sessionId) =>
        Records.Where(r => r.TryGetProperty("session_id", out var s) && s.GetString() == sessionId).ToList();
}
