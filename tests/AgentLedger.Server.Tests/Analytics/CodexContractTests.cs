using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using AgentLedger.Core.Keys;
using AgentLedger.Server.Tests.Testing;

namespace AgentLedger.Server.Tests.Analytics;

/// <summary>The Codex-compatible endpoints answer in the Codex Analytics API's shapes (vendor-apis.md §1.2).</summary>
public sealed class CodexContractTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private static readonly DateTimeOffset Day1 = new(2026, 11, 10, 0, 0, 0, TimeSpan.Zero);
    private static readonly long Start = Day1.ToUnixTimeSeconds();
    private static readonly long End = Day1.AddDays(3).ToUnixTimeSeconds();

    [Fact]
    public async Task Usage_PerUser_HasCodexEnvelopeRowFieldsAndTypes()
    {
        var ws = await SeedUsageAsync();

        var page = await GetAsync(ws, $"usage?start_time={Start}&end_time={End}");

        Assert.Equal(["object", "data", "has_more", "next_page"], page.Select(p => p.Key));
        Assert.Equal("page", (string)page["object"]!);
        Assert.False((bool)page["has_more"]!);
        AssertNull(page, "next_page");
        var rows = page["data"]!.AsArray().Select(r => r!.AsObject()).ToList();
        Assert.Equal(3, rows.Count); // ana day 1, ben day 1, ana day 2
        var first = rows[0];
        Assert.Equal(["object", "start_time", "end_time", "user_id", "actor", "email", "totals", "clients", "models"], first.Select(p => p.Key));
        Assert.Equal(JsonValueKind.Number, first["start_time"]!.GetValueKind());
        Assert.Equal(Start, (long)first["start_time"]!);
        Assert.Equal(Start + 86_400, (long)first["end_time"]!);
        Assert.Equal("user", (string)first["actor"]!["type"]!);
        Assert.Equal((string)first["user_id"]!, (string)first["actor"]!["user_id"]!);
        Assert.Equal(["threads", "turns", "credits", "cost_usd", "uncached_text_input_tokens", "cached_text_input_tokens", "text_output_tokens", "text_total_tokens"],
            first["totals"]!.AsObject().Select(p => p.Key));
        Assert.Equal(["client_id", "threads", "turns", "credits", "uncached_text_input_tokens", "cached_text_input_tokens", "text_output_tokens", "text_total_tokens"],
            first["clients"]![0]!.AsObject().Select(p => p.Key));
        var ana = rows.Where(r => (string?)r["email"] == "ana@example.com").OrderBy(r => (long)r["start_time"]!).ToList();
        Assert.Equal(["model", "credits", "cost_usd", "speed"], ana[0]["models"]![0]!.AsObject().Select(p => p.Key));
        Assert.Equal(2, ana.Count);
        var totals = ana[0]["totals"]!;
        Assert.Equal(1, (long)totals["threads"]!);
        Assert.Equal(2, (long)totals["turns"]!);
        Assert.Equal(2.5m, (decimal)totals["credits"]!);
        Assert.Equal(6_000, (long)totals["uncached_text_input_tokens"]!);
        Assert.Equal(4_000, (long)totals["cached_text_input_tokens"]!);
        Assert.Equal(500, (long)totals["text_output_tokens"]!);
        Assert.Equal(10_500, (long)totals["text_total_tokens"]!);
        var clients = ana[0]["clients"]!.AsArray();
        Assert.Equal(["CODEX_CLI", "CODEX_IDE_VSCODE"], clients.Select(c => (string)c!["client_id"]!));
        Assert.Equal(2.5m, (decimal)clients[0]!["credits"]!);
        Assert.Equal(1, (long)clients[1]!["turns"]!);
        Assert.Equal("gpt-5-codex", (string)ana[0]["models"]![0]!["model"]!);
        Assert.Equal("standard", (string)ana[0]["models"]![0]!["speed"]!);
    }

    [Fact]
    public async Task Usage_GroupWorkspace_OneRowPerDayWithNullUser()
    {
        var ws = await SeedUsageAsync();

        var rows = (await GetAsync(ws, $"usage?start_time={Start}&end_time={End}&group=workspace"))["data"]!.AsArray();

        Assert.Equal(2, rows.Count);
        AssertNull(rows[0]!.AsObject(), "user_id");
        AssertNull(rows[0]!.AsObject(), "actor");
        Assert.Equal(4, (long)rows[0]!["totals"]!["turns"]!); // ana 2 + ben 2 on day 1
        Assert.Equal(2, (long)rows[0]!["totals"]!["threads"]!);
        Assert.Equal(1, (long)rows[1]!["totals"]!["turns"]!);
    }

    [Fact]
    public async Task Usage_CursorRoundTrip_PagesConcatenateToTheSingleAnswer()
    {
        var ws = await SeedUsageAsync();
        var whole = (await GetAsync(ws, $"usage?start_time={Start}&end_time={End}"))["data"]!.AsArray().Select(r => r!.ToJsonString()).ToList();

        var paged = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await GetAsync(ws, $"usage?start_time={Start}&end_time={End}&limit=1" + (cursor is null ? "" : "&page=" + cursor));
            paged.AddRange(page["data"]!.AsArray().Select(r => r!.ToJsonString()));
            cursor = (string?)page["next_page"];
            Assert.Equal(cursor is not null, (bool)page["has_more"]!);
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(3, pages);
        Assert.Equal(whole, paged);
    }

    [Fact]
    public async Task Usage_CursorWithOtherParameters_Answers422NamingPage()
    {
        var ws = await SeedUsageAsync();
        var first = await GetAsync(ws, $"usage?start_time={Start}&end_time={End}&limit=1");
        var cursor = (string)first["next_page"]!;

        var response = await ws.Client().GetAsync($"/v1/analytics/codex/workspaces/{ws.Id}/usage?start_time={Start}&end_time={End}&group=workspace&page={cursor}");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var detail = (await response.ReadJsonAsync())["detail"]!.AsArray().Single()!;
        Assert.Equal(["query", "page"], detail["loc"]!.AsArray().Select(l => (string)l!));
    }

    [Theory]
    [InlineData("limit=0", "limit", "greater_than_equal")]
    [InlineData("limit=30001", "limit", "less_than_equal")]
    [InlineData("limit=ten", "limit", "int_parsing")]
    [InlineData("start_time=yesterday", "start_time", "int_parsing")]
    [InlineData("group=team", "group", "literal_error")]
    [InlineData("page=not-a-cursor", "page", "value_error")]
    [InlineData("start_time=1700000000&end_time=1600000000", "end_time", "value_error")]
    public async Task Usage_InvalidParameter_Answers422WithDetailArray(string query, string parameter, string type)
    {
        var ws = await server.NewWorkspaceAsync();

        var response = await ws.Client().GetAsync($"/v1/analytics/codex/workspaces/{ws.Id}/usage?{query}");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.ReadJsonAsync();
        Assert.Equal(["detail"], body.Select(p => p.Key));
        var detail = body["detail"]!.AsArray().Single()!.AsObject();
        Assert.Equal(["loc", "msg", "type", "input"], detail.Select(p => p.Key));
        Assert.Equal(["query", parameter], detail["loc"]!.AsArray().Select(l => (string)l!));
        Assert.Equal(type, (string)detail["type"]!);
        Assert.False(string.IsNullOrWhiteSpace((string)detail["msg"]!));
        Assert.Equal(JsonValueKind.String, detail["input"]!.GetValueKind());
    }

    [Fact]
    public async Task CodeReviews_And_Responses_CountReviewsPrioritiesRepliesAndReactions()
    {
        var ws = await server.NewWorkspaceAsync();
        var at = Day1.AddHours(15);
        await ws.Client().PostEventsAsync(EventBuilder.Batch(ReviewActivity(at)));

        var reviews = (await GetAsync(ws, $"code_reviews?start_time={Start}&end_time={End}"))["data"]!.AsArray();
        var responses = (await GetAsync(ws, $"code_review_responses?start_time={Start}&end_time={End}"))["data"]!.AsArray();

        var review = reviews.Single()!.AsObject();
        Assert.Equal(["object", "start_time", "end_time", "pull_request_reviews", "comments", "comment_details"], review.Select(p => p.Key));
        Assert.Equal(1, (long)review["pull_request_reviews"]!);
        Assert.Equal(3, (long)review["comments"]!);
        Assert.Equal("""{"p0":1,"p1":2,"p2":0,"p3":0}""", review["comment_details"]!.ToJsonString());

        var response = responses.Single()!.AsObject();
        Assert.Equal(["object", "start_time", "end_time", "pull_request_reviews", "comments", "replies", "reactions", "reaction_details", "comment_response_details"],
            response.Select(p => p.Key));
        Assert.Equal(1, (long)response["replies"]!);
        Assert.Equal(3, (long)response["reactions"]!);
        Assert.Equal("""{"upvotes":2,"downvotes":1,"other":0}""", response["reaction_details"]!.ToJsonString());
        // c-1: two upvotes; c-2: a downvote and a reply; c-3: nothing
        Assert.Equal("""{"engaged":2,"reacted":2,"upvoted":1,"downvoted":1,"reacted_other":0,"replied":1}""",
            response["comment_response_details"]!.ToJsonString());
    }

    [Fact]
    public async Task Usage_KeyWithoutAnalyticsScope_Answers403_AndOtherWorkspace404()
    {
        var ws = await server.NewWorkspaceAsync(ApiKeyScope.Ingest);
        var other = await server.NewWorkspaceAsync();

        var forbidden = await ws.Client().GetAsync($"/v1/analytics/codex/workspaces/{ws.Id}/usage");
        var notFound = await other.Client().GetAsync($"/v1/analytics/codex/workspaces/{ws.Id}/usage");

        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
    }

    internal static EventBuilder[] ReviewActivity(DateTimeOffset at)
    {
        var comments = new JsonArray(
            new JsonObject { ["comment_id"] = "c-1", ["priority"] = "P0" },
            new JsonObject { ["comment_id"] = "c-2", ["priority"] = "P1" },
            new JsonObject { ["comment_id"] = "c-3", ["priority"] = "P1" });
        EventBuilder Reaction(string comment, string reaction, string user, int minutes) =>
            EventBuilder.Of("code_review.reaction").User(user).At(at.AddMinutes(minutes)).Client("CODEX_GITHUB", "codex")
                .Review(new JsonObject { ["comment_id"] = comment, ["reaction"] = reaction });
        return
        [
            EventBuilder.Of("code_review.completed").User("ana@example.com").At(at).Client("CODEX_GITHUB", "codex")
                .Review(new JsonObject { ["repository"] = "acme/api", ["pull_request"] = 7, ["comments"] = comments }),
            Reaction("c-1", "upvote", "ana@example.com", 5),
            Reaction("c-1", "upvote", "ben@example.com", 6),
            Reaction("c-2", "downvote", "ana@example.com", 7),
            EventBuilder.Of("code_review.reply").User("ana@example.com").At(at.AddMinutes(8)).Client("CODEX_GITHUB", "codex")
                .Review(new JsonObject { ["comment_id"] = "c-2", ["body"] = "Intended." }),
        ];
    }

    private async Task<TestWorkspace> SeedUsageAsync()
    {
        var ws = await server.NewWorkspaceAsync();
        var h = Day1.AddHours(9);
        var events = EventBuilder.Batch(
            EventBuilder.Prompt().User("ana@example.com").Session("a-1").At(h),
            EventBuilder.Response().User("ana@example.com").Session("a-1").At(h.AddMinutes(1)).Model("gpt-5-codex").Tokens(10_000, 4_000, 500)
                .Credits(2.5m).Set("cost_usd", 0.1m),
            EventBuilder.Prompt().User("ana@example.com").Session("a-1").At(h.AddMinutes(2)).Client("CODEX_IDE_VSCODE", "codex"),
            EventBuilder.Prompt().User("ben@example.com").Session("b-1").At(h.AddHours(3)),
            EventBuilder.Prompt().User("ben@example.com").Session("b-1").At(h.AddHours(4)),
            EventBuilder.Prompt().User("ana@example.com").Session("a-2").At(h.AddDays(1)));
        (await ws.Client().PostEventsAsync(events)).EnsureSuccessStatusCode();
        return ws;
    }

    private static void AssertNull(JsonObject json, string property)
    {
        Assert.True(json.ContainsKey(property), $"{property} is missing");
        Assert.Null(json[property]);
    }

    private static async Task<JsonObject> GetAsync(TestWorkspace ws, string pathAndQuery)
    {
        var response = await ws.Client().GetAsync($"/v1/analytics/codex/workspaces/{ws.Id}/{pathAndQuery}");
        Assert.True(response.IsSuccessStatusCode, $"{pathAndQuery}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.ReadJsonAsync();
    }
}
