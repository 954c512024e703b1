using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using AgentLedger.Core.Keys;
using AgentLedger.Server.Features.Integrations.GitHub;
using AgentLedger.Server.Tests.Testing;

namespace AgentLedger.Server.Tests.Integrations;

/// <summary>GitHub deliveries (real example payloads) become code-review activity, verified and deduplicated.</summary>
public sealed class GitHubWebhookTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private const string Secret = "whsec-test-0123456789abcdef";
    private const string Badge = "**<sub><sub>![P1 Badge](https://img.shields.io/badge/P1-orange?style=flat)</sub></sub>  Handle the empty list**\n\nDetails.";

    [Fact]
    public async Task ReviewComment_ValidSignature_IsCountedWithItsPriority()
    {
        var ws = await ConfiguredWorkspaceAsync();
        var payload = await BotCommentAsync();

        var response = await DeliverAsync(ws, "pull_request_review_comment", payload);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, (int)(await response.ReadJsonAsync())["records"]!);
        var day = await CodeReviewDayAsync(ws);
        Assert.Equal(1, (long)day["comments"]!);
        Assert.Equal(1, (long)day["comment_details"]!["p1"]!);
    }

    [Fact]
    public async Task Delivery_InvalidSignature_Answers401AndStoresNothing()
    {
        var ws = await ConfiguredWorkspaceAsync();
        var payload = await BotCommentAsync();

        var forged = await DeliverAsync(ws, "pull_request_review_comment", payload, signWith: "not-the-workspace-secret");
        var unsigned = await DeliverAsync(ws, "pull_request_review_comment", payload, signWith: null);
        var tampered = await DeliverAsync(ws, "pull_request_review_comment", payload, tamper: true);

        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, tampered.StatusCode);
        Assert.Empty(await ws.Client().ReadAllRecordsAsync(ws.Id));
    }

    [Fact]
    public async Task Delivery_UnknownWorkspace_Answers401()
    {
        var ws = await ConfiguredWorkspaceAsync();
        var payload = await BotCommentAsync();

        var response = await DeliverAsync(ws with { Id = "ws-does-not-exist" }, "pull_request_review_comment", payload);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Redelivery_SameDelivery_IsCountedOnce()
    {
        var ws = await ConfiguredWorkspaceAsync();
        var payload = await BotCommentAsync();
        payload["comment"]!["reactions"] = Reactions(up: 2, down: 1, laugh: 1);
        var delivery = Guid.NewGuid().ToString();

        var first = await (await DeliverAsync(ws, "pull_request_review_comment", payload, delivery: delivery)).ReadJsonAsync();
        var second = await (await DeliverAsync(ws, "pull_request_review_comment", payload, delivery: delivery)).ReadJsonAsync();

        Assert.Equal(5, (int)first["records"]!); // the comment and its four reactions
        Assert.Equal(0, (int)second["records"]!);
        Assert.Equal(5, (int)second["duplicates"]!);
        var day = await CodeReviewDayAsync(ws);
        Assert.Equal(1, (long)day["comments"]!);
        var responses = await ResponsesDayAsync(ws);
        Assert.Equal("""{"upvotes":2,"downvotes":1,"other":1}""", responses["reaction_details"]!.ToJsonString());
    }

    [Fact]
    public async Task EditedComment_WithMoreReactions_CountsOnlyTheNewOnes()
    {
        var ws = await ConfiguredWorkspaceAsync();
        var payload = await BotCommentAsync();
        payload["comment"]!["reactions"] = Reactions(up: 1, down: 0, laugh: 0);
        await DeliverAsync(ws, "pull_request_review_comment", payload);
        var edited = await GitHubWebhookExamples.GetAsync("pull_request_review_comment", "edited");
        edited["comment"] = payload["comment"]!.DeepClone();
        edited["comment"]!["reactions"] = Reactions(up: 3, down: 1, laugh: 0);

        await DeliverAsync(ws, "pull_request_review_comment", edited);

        var responses = await ResponsesDayAsync(ws);
        Assert.Equal(4, (long)responses["reactions"]!);
        Assert.Equal("""{"engaged":1,"reacted":1,"upvoted":1,"downvoted":1,"reacted_other":0,"replied":0}""",
            responses["comment_response_details"]!.ToJsonString());
    }

    [Fact]
    public async Task Reply_ToBotComment_CountsAsReplyAndEngagement_ReplyToOthersDoesNot()
    {
        var ws = await ConfiguredWorkspaceAsync();
        var bot = await BotCommentAsync();
        await DeliverAsync(ws, "pull_request_review_comment", bot);
        var reply = await GitHubWebhookExamples.GetAsync("pull_request_review_comment", "created");
        reply["comment"]!["id"] = 990_001;
        reply["comment"]!["user"]!["login"] = "octocat";
        reply["comment"]!["in_reply_to_id"] = (long)bot["comment"]!["id"]!;
        reply["comment"]!["body"] = "Fixed in the next commit, thanks.";
        var stray = reply.DeepClone().AsObject();
        stray["comment"]!["id"] = 990_002;
        stray["comment"]!["in_reply_to_id"] = 123;

        var counted = await (await DeliverAsync(ws, "pull_request_review_comment", reply)).ReadJsonAsync();
        var ignored = await (await DeliverAsync(ws, "pull_request_review_comment", stray)).ReadJsonAsync();

        Assert.Equal(1, (int)counted["records"]!);
        Assert.Equal(0, (int)ignored["records"]!);
        Assert.NotNull((string?)ignored["ignored"]);
        var responses = await ResponsesDayAsync(ws);
        Assert.Equal(1, (long)responses["replies"]!);
        Assert.Equal(1, (long)responses["comment_response_details"]!["replied"]!);
        Assert.Equal(1, (long)responses["comment_response_details"]!["engaged"]!);
    }

    [Fact]
    public async Task Review_SubmittedByBot_IsAPullRequestReview_ByAPersonIsNot()
    {
        var ws = await ConfiguredWorkspaceAsync();
        var review = await GitHubWebhookExamples.GetAsync("pull_request_review", "submitted");
        var human = review.DeepClone().AsObject();
        human["review"]!["id"] = 770_001;
        human["review"]!["user"]!["login"] = "octocat";

        await DeliverAsync(ws, "pull_request_review", review);
        await DeliverAsync(ws, "pull_request_review", human);

        var day = await CodeReviewDayAsync(ws);
        Assert.Equal(1, (long)day["pull_request_reviews"]!);
    }

    [Theory]
    [InlineData("![P0 Badge](https://img.shields.io/badge/P0-red?style=flat) Crash", 0)]
    [InlineData("**<sub><sub>![P2 Badge](https://img.shields.io/badge/P2-yellow?style=flat)</sub></sub> Nit**", 2)]
    [InlineData("[P3] Naming", 3)]
    [InlineData("**P1** Race on close", 1)]
    [InlineData("P2: unused import", 2)]
    [InlineData("Looks good, see PR #P12", null)]
    [InlineData("Consider HTTP2 here", null)]
    public void ReviewPriorityBadge_Parses(string body, int? expected) =>
        Assert.Equal(expected, (int?)ReviewPriorityBadge.Parse(body));

    private static JsonObject Reactions(int up, int down, int laugh) => new()
    {
        ["url"] = "https://api.github.com/repos/Codertocat/Hello-World/pulls/comments/284312630/reactions",
        ["total_count"] = up + down + laugh, ["+1"] = up, ["-1"] = down, ["laugh"] = laugh, ["hooray"] = 0, ["confused"] = 0, ["heart"] = 0,
        ["rocket"] = 0, ["eyes"] = 0,
    };

    private static async Task<JsonObject> BotCommentAsync()
    {
        var payload = await GitHubWebhookExamples.GetAsync("pull_request_review_comment", "created");
        payload["comment"]!["body"] = Badge;
        return payload;
    }

    private async Task<TestWorkspace> ConfiguredWorkspaceAsync()
    {
        var ws = await server.NewWorkspaceAsync(ApiKeyScope.Admin);
        var settings = new JsonObject { ["webhook_secret"] = Secret, ["reviewer_logins"] = new JsonArray("Codertocat") };
        var put = await ws.Client().PutAsJsonAsync($"/api/v1/workspaces/{ws.Id}/integrations/github", settings);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        return ws;
    }

    private Task<HttpResponseMessage> DeliverAsync(
        TestWorkspace ws, string eventName, JsonObject payload, string? signWith = Secret, string? delivery = null, bool tamper = false)
    {
        var body = Encoding.UTF8.GetBytes(payload.ToJsonString());
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/integrations/github/webhook?workspace_id={ws.Id}");
        request.Headers.Add("X-GitHub-Event", eventName);
        request.Headers.Add("X-GitHub-Delivery", delivery ?? Guid.NewGuid().ToString());
        if (signWith is not null)
        {
            request.Headers.Add("X-Hub-Signature-256", GitHubWebhookSignature.Sign(signWith, body));
        }

        if (tamper)
        {
            body = Encoding.UTF8.GetBytes(payload.ToJsonString().Replace("Handle the empty list", "Handle the empty lists", StringComparison.Ordinal));
        }

        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = new("application/json");
        return server.Client(null).SendAsync(request);
    }

    private static async Task<JsonObject> CodeReviewDayAsync(TestWorkspace ws) =>
        (await (await ws.Client().GetAsync($"/v1/analytics/codex/workspaces/{ws.Id}/code_reviews?start_time=1557878400&end_time=1557964800"))
            .EnsureSuccessStatusCode().ReadJsonAsync())["data"]!.AsArray().Single()!.AsObject();

    private static async Task<JsonObject> ResponsesDayAsync(TestWorkspace ws) =>
        (await (await ws.Client().GetAsync($"/v1/analytics/codex/workspaces/{ws.Id}/code_review_responses?start_time=1557878400&end_time=1557964800"))
            .EnsureSuccessStatusCode().ReadJsonAsync())["data"]!.AsArray().Single()!.AsObject();
}
