using System.Net;
using System.Text.Json.Nodes;
using AgentLedger.Core.Keys;
using AgentLedger.Server.Tests.Testing;

namespace AgentLedger.Server.Tests.Compliance;

public sealed class SessionTranscriptTests(ComplianceServerFixture server) : IClassFixture<ComplianceServerFixture>
{
    [Fact]
    public async Task Transcript_OneSession_ItsPromptsResponsesAndToolsInOrderWithTokens()
    {
        var ws = await server.NewWorkspaceAsync(ApiKeyScope.Ingest | ApiKeyScope.ComplianceRead);
        using var client = ws.Client();
        var prompt = EventBuilder.Prompt().Session("s-1").Set("turn_id", "t-1").Prompt("Add a retry to the uploader");
        var tool = EventBuilder.Of("tool.result").Session("s-1").Set("turn_id", "t-1")
            .Set("tool", new JsonObject { ["name"] = "shell", ["input"] = "dotnet test", ["output"] = "Passed!" });
        var response = EventBuilder.Response().Session("s-1").Set("turn_id", "t-1").Set("response_text", "Added.").Tokens(1200, 300, 80, 20);
        var elsewhere = EventBuilder.Prompt().Session("s-2").Prompt("unrelated");
        await (await client.PostEventsAsync(EventBuilder.Batch(prompt, elsewhere, tool, response))).EnsureSuccessStatusCode().ReadJsonAsync();

        var transcript = await (await client.GetAsync("/api/v1/compliance/sessions/s-1")).EnsureSuccessStatusCode().ReadJsonAsync();

        var items = transcript["items"]!.AsArray();
        Assert.Equal(["user.prompt", "tool.result", "model.response"], items.Select(i => (string)i!["kind"]!));
        Assert.Equal("Add a retry to the uploader", (string)items[0]!["prompt_text"]!);
        Assert.Equal(("shell", "dotnet test", "Passed!"), ((string)items[1]!["tool_name"]!, (string)items[1]!["tool_input"]!, (string)items[1]!["tool_output"]!));
        Assert.Equal("Added.", (string)items[2]!["response_text"]!);
        Assert.Equal(1200, (long)items[2]!["usage"]!["input_tokens"]!);
        Assert.Equal((1200, 80), ((long)transcript["page_usage"]!["input_tokens"]!, (long)transcript["page_usage"]!["output_tokens"]!));
        Assert.Equal(["CODEX_CLI"], transcript["client_ids"]!.AsArray().Select(c => (string)c!));
        Assert.False((bool)transcript["has_more"]!);
    }

    [Fact]
    public async Task Transcript_LongSession_PagesOnSeqWithoutGapsOrRepeats()
    {
        var ws = await server.NewWorkspaceAsync(ApiKeyScope.Ingest | ApiKeyScope.ComplianceRead);
        using var client = ws.Client();
        var events = Enumerable.Range(0, 25).Select(i => EventBuilder.Prompt().Session("long").Prompt($"step {i}")).ToArray();
        await (await client.PostEventsAsync(EventBuilder.Batch(events))).EnsureSuccessStatusCode().ReadJsonAsync();

        var texts = new List<string>();
        var after = "0";
        bool more;
        do
        {
            var page = await (await client.GetAsync($"/api/v1/compliance/sessions/long?limit=10&after={after}")).EnsureSuccessStatusCode().ReadJsonAsync();
            texts.AddRange(page["items"]!.AsArray().Select(i => (string)i!["prompt_text"]!));
            after = (string)page["next_page"]!;
            more = (bool)page["has_more"]!;
        }
        while (more);

        Assert.Equal(Enumerable.Range(0, 25).Select(i => $"step {i}"), texts);
    }

    [Fact]
    public async Task Transcript_UnknownOrOtherWorkspacesSession_Answers404()
    {
        var a = await server.NewWorkspaceAsync(ApiKeyScope.Ingest | ApiKeyScope.ComplianceRead);
        var b = await server.NewWorkspaceAsync(ApiKeyScope.ComplianceRead);
        await (await a.Client().PostEventsAsync(EventBuilder.Batch(EventBuilder.Prompt().Session("secret-session")))).EnsureSuccessStatusCode().ReadJsonAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await b.Client().GetAsync("/api/v1/compliance/sessions/secret-session")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await a.Client().GetAsync("/api/v1/compliance/sessions/no-such-session")).StatusCode);
    }
}
