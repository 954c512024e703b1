using System.Text;
using System.Text.Json.Nodes;
using AgentLedger.Server.Tests.Testing;

namespace AgentLedger.Server.Tests.Governance;

/// <summary>
/// A small workspace for report and privacy tests: four people in two teams on four surfaces and models, with AI code
/// reviews, in the week of Monday 2 March 2026 and a little in the week before.
/// </summary>
internal static class ReportActivity
{
    public static readonly DateTimeOffset Week = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);
    public static readonly string[] Emails = ["ana@example.com", "bo@example.com", "cy@example.com", "dee@example.com"];

    public static async Task SeedAsync(HttpClient client, string workspaceId)
    {
        using var directory = await client.PutAsync($"/api/v1/workspaces/{workspaceId}/directory/users", new StringContent(
            """
            [{"email":"ana@example.com","display_name":"Ana","team":"platform"},{"email":"bo@example.com","display_name":"Bo","team":"platform"},
             {"email":"cy@example.com","display_name":"Cy","team":"platform"},{"email":"dee@example.com","display_name":"Dee","team":"mobile"}]
            """, Encoding.UTF8, "application/json"));
        directory.EnsureSuccessStatusCode();
        await client.SpendAsync("ana@example.com", 12.5m, Week.AddDays(1).AddHours(9));
        await client.SpendAsync("ana@example.com", 4m, Week.AddDays(3).AddHours(15));
        await client.SpendAsync("bo@example.com", 7.25m, Week.AddDays(2).AddHours(10), "claude-sonnet-4-5", "CLAUDE_CODE_CLI", "claude_code");
        await client.SpendAsync("cy@example.com", 3m, Week.AddDays(4).AddHours(11), "gpt-5-codex", "CODEX_IDE_VSCODE", "codex");
        await client.SpendAsync("dee@example.com", 20m, Week.AddDays(5).AddHours(13), "gemini-2.5-pro", "GEMINI_CLI", "gemini_cli");
        await client.SpendAsync("ana@example.com", 5m, Week.AddDays(-4).AddHours(9));
        await client.SpendAsync("bo@example.com", 1.5m, Week.AddDays(-3).AddHours(9), "claude-sonnet-4-5", "CLAUDE_CODE_CLI", "claude_code");
        var review = EventBuilder.Of("code_review.completed").Client("CODEX_GITHUB", "codex").User("ana@example.com").At(Week.AddDays(2).AddHours(14))
            .Review(new JsonObject
            {
                ["repository"] = "acme/api", ["pull_request"] = 981, ["review_id"] = "r-981",
                ["comments"] = new JsonArray(new JsonObject { ["comment_id"] = "c-1", ["priority"] = "P0" }, new JsonObject { ["comment_id"] = "c-2", ["priority"] = "P2" }),
            });
        var reaction = EventBuilder.Of("code_review.reaction").Client("CODEX_GITHUB", "codex").User("bo@example.com").At(Week.AddDays(2).AddHours(15))
            .Review(new JsonObject { ["comment_id"] = "c-1", ["reaction"] = "upvote" });
        var reply = EventBuilder.Of("code_review.reply").Client("CODEX_GITHUB", "codex").User("cy@example.com").At(Week.AddDays(2).AddHours(16))
            .Review(new JsonObject { ["comment_id"] = "c-2" });
        (await client.PostEventsAsync(EventBuilder.Batch(review, reaction, reply))).EnsureSuccessStatusCode();
    }
}
