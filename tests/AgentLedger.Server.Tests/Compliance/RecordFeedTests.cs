using System.Net;
using System.Text.Json.Nodes;
using AgentLedger.Core.Compliance;
using AgentLedger.Core.Keys;
using AgentLedger.Server.Tests.Compliance.Ocsf;
using AgentLedger.Server.Tests.Testing;

namespace AgentLedger.Server.Tests.Compliance;

/// <summary>The native feed, <c>GET /api/v1/compliance/records</c>: paging on seq, filters, and its five formats.</summary>
public sealed class RecordFeedTests(ComplianceServerFixture server) : IClassFixture<ComplianceServerFixture>
{
    [Fact]
    public async Task Collector_StoresTheSeqCursorDuringConcurrentIngest_EndsWithExactlyTheIngestedRecordsOnce()
    {
        var ws = await server.NewWorkspaceAsync(ApiKeyScope.Ingest | ApiKeyScope.ComplianceRead);
        var ingest = new ConcurrentIngest();
        var ingesting = ingest.RunAsync(ws, senders: 3, batchesPerSender: 12, perBatch: 9);
        using var client = ws.Client();
        var seen = new List<JsonObject>();
        string? cursor = null;
        var drained = false;
        while (!drained)
        {
            var done = ingesting.IsCompleted;
            var page = await (await client.GetAsync("/api/v1/compliance/records?limit=37" + (cursor is null ? "" : "&after=" + cursor)))
                .EnsureSuccessStatusCode().ReadJsonAsync();
            seen.AddRange(page["data"]!.AsArray().Select(n => n!.AsObject()));
            cursor = (string)page["next_page"]!;
            // finished once ingest had ended before a page that reported nothing more
            drained = done && !(bool)page["has_more"]!;
            if (!(bool)page["has_more"]!)
            {
                await Task.Delay(20);
            }
        }

        await ingesting;
        Assert.Equal(ingest.SentEventIds.Order(), seen.Select(r => (string)r["event_id"]!).Order());
        Assert.Equal(Enumerable.Range(1, seen.Count).Select(i => (long)i), seen.Select(r => (long)r["seq"]!));
    }

    [Fact]
    public async Task Ndjson_StreamsTheSameRecordsAsTheJsonPagesAndTellsWhereToResume()
    {
        var ws = await server.NewWorkspaceAsync(ApiKeyScope.Ingest | ApiKeyScope.ComplianceRead);
        using var client = ws.Client();
        await PostAsync(client, Enumerable.Range(0, 250).Select(i => EventBuilder.Prompt().Prompt($"p{i}")).ToArray());
        var paged = await client.ReadAllRecordsAsync(ws.Id);

        var response = await client.GetAsync("/api/v1/compliance/records?format=ndjson");
        var lines = (await response.EnsureSuccessStatusCode().Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(paged.Select(r => r.ToJsonString()), lines.Select(l => JsonNode.Parse(l)!.ToJsonString()));
        Assert.Equal("250", response.Headers.GetValues("X-Next-Page").Single());
        var later = EventBuilder.Prompt();
        await PostAsync(client, later);
        var resumed = await (await client.GetAsync("/api/v1/compliance/records?format=ndjson&after=250")).Content.ReadAsStringAsync();
        Assert.Equal([later.EventId], resumed.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => (string)JsonNode.Parse(l)!["event_id"]!));
    }

    public static TheoryData<string, string[]> Filters => new()
    {
        { "user_email=ana@example.com", ["a1", "a2", "a3"] },
        { "agent=claude_code", ["b1", "b2"] },
        { "agent=claude_code,gemini_cli", ["b1", "b2", "c1"] },
        { "kind=model.response", ["a2", "b2"] },
        { "q=RETRY", ["a1", "c1"] },
        { "start_time=2026-11-20T11:00:00Z&end_time=2026-11-20T12:00:00Z", ["a3", "b2"] },
        { "start_time=1795172400", ["a3", "b2", "c1"] },
        { "session_id=s-b", ["b1", "b2"] },
        { "model=gemini-2.5-pro&surface=cli", ["c1"] },
        { "client_id=CODEX_IDE_VSCODE", ["a3"] },
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task Filter_ReturnsExactlyTheMatchingRecordsInSeqOrderInEveryFormat(string query, string[] expected)
    {
        var ws = await server.NewWorkspaceAsync(ApiKeyScope.Ingest | ApiKeyScope.ComplianceRead);
        using var client = ws.Client();
        var ids = await PostMixAsync(client);

        var page = await (await client.GetAsync($"/api/v1/compliance/records?limit=1000&{query}")).EnsureSuccessStatusCode().ReadJsonAsync();
        var ndjson = await (await client.GetAsync($"/api/v1/compliance/records?format=ndjson&{query}")).EnsureSuccessStatusCode().Content.ReadAsStringAsync();

        var want = expected.Select(k => ids[k]).ToList();
        Assert.Equal(want, page["data"]!.AsArray().Select(r => (string)r!["event_id"]!));
        Assert.Equal(want, ndjson.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => (string)JsonNode.Parse(l)!["event_id"]!));
    }

    [Theory]
    [InlineData("agent=skynet", "agent")]
    [InlineData("kind=prompt", "kind")]
    [InlineData("start_time=monday", "start_time")]
    [InlineData("start_time=2026-11-21T00:00:00Z&end_time=2026-11-20T00:00:00Z", "end_time")]
    [InlineData("format=xml", "format")]
    [InlineData("format=ndjson&limit=5", "limit")]
    [InlineData("after=-1", "after")]
    [InlineData("client_id=CODEX_TOASTER", "client_id")]
    public async Task Filter_BadParameter_Answers400NamingIt(string query, string field)
    {
        var ws = await server.NewWorkspaceAsync(ApiKeyScope.ComplianceRead);

        var response = await ws.Client().GetAsync($"/api/v1/compliance/records?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith(field, (string)(await response.ReadProblemAsync())["detail"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Csv_HeaderAndOneRowPerRecord_WithQuotingAndFormulaNeutralised()
    {
        var ws = await server.NewWorkspaceAsync(ApiKeyScope.Ingest | ApiKeyScope.ComplianceRead);
        using var client = ws.Client();
        await PostAsync(client, EventBuilder.Prompt().Prompt("a, \"quoted\"\nmultiline ✓"), EventBuilder.Prompt().Prompt("=HYPERLINK(\"http://x\")"));

        var response = await client.GetAsync("/api/v1/compliance/records?format=csv");
        var rows = CsvReader.Parse(await response.EnsureSuccessStatusCode().Content.ReadAsStringAsync());

        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(RecordCsv.Columns, rows[0]);
        Assert.Equal(3, rows.Count);
        var prompt = Array.IndexOf(RecordCsv.Columns, "prompt_text");
        Assert.Equal("a, \"quoted\"\nmultiline ✓", rows[1][prompt]);
        Assert.Equal("'=HYPERLINK(\"http://x\")", rows[2][prompt]);
        Assert.Equal(["1", "2"], rows.Skip(1).Select(r => r[0]));
    }

    [Fact]
    public async Task Cef_OneEscapedLinePerRecord()
    {
        var ws = await server.NewWorkspaceAsync(ApiKeyScope.Ingest | ApiKeyScope.ComplianceRead);
        using var client = ws.Client();
        var e = EventBuilder.Prompt().Prompt("a=b \\ c\nd").Model("gpt-5-codex");
        await PostAsync(client, e, EventBuilder.Response());

        var lines = (await (await client.GetAsync("/api/v1/compliance/records?format=cef")).EnsureSuccessStatusCode().Content.ReadAsStringAsync())
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(2, lines.Length);
        Assert.StartsWith("CEF:0|AgentLedger|AgentLedger|", lines[0], StringComparison.Ordinal);
        Assert.Contains("|user.prompt|PROMPT_SUBMITTED|3|", lines[0], StringComparison.Ordinal);
        Assert.Contains($"externalId={e.EventId} ", lines[0], StringComparison.Ordinal);
        Assert.Contains("cs2Label=model cs2=gpt-5-codex ", lines[0], StringComparison.Ordinal);
        Assert.EndsWith(@"msg=a\=b \\ c\nd", lines[0], StringComparison.Ordinal);
        Assert.Contains($"cs1Label=workspace cs1={ws.Id} ", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ocsf_EveryStreamedEventValidAgainstTheSchema()
    {
        var ws = await server.NewWorkspaceAsync(ApiKeyScope.Ingest | ApiKeyScope.ComplianceRead);
        using var client = ws.Client();
        await PostMixAsync(client);
        await PostAsync(client,
            EventBuilder.Of("tool.result").Set("tool", new JsonObject { ["name"] = "shell", ["input"] = "ls", ["output"] = "a" }),
            EventBuilder.Of("api.error").Set("error", "rate_limited").Set("status", "error"),
            EventBuilder.Of("cloud_task.completed").Session("task-1"));

        var lines = (await (await client.GetAsync("/api/v1/compliance/records?format=ocsf")).EnsureSuccessStatusCode().Content.ReadAsStringAsync())
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(9, lines.Length);
        var validator = new OcsfValidator(OcsfSchemaTests.Schema);
        Assert.All(lines, line => Assert.Empty(validator.Validate(JsonNode.Parse(line)!.AsObject(), OcsfSchemaTests.ApiActivity)));
        Assert.Equal(Enumerable.Range(1, 9).Select(i => (long)i), lines.Select(l => (long)JsonNode.Parse(l)!["metadata"]!["sequence"]!));
    }

    [Fact]
    public async Task LegacyWorkspaceRoute_ServesTheSameFeed()
    {
        var ws = await server.NewWorkspaceAsync(ApiKeyScope.Ingest | ApiKeyScope.ComplianceRead);
        using var client = ws.Client();
        await PostAsync(client, EventBuilder.Prompt(), EventBuilder.Prompt());

        var native = await (await client.GetAsync("/api/v1/compliance/records?kind=user.prompt")).EnsureSuccessStatusCode().ReadJsonAsync();
        var legacy = await (await client.GetAsync($"/api/v1/workspaces/{ws.Id}/records?kind=user.prompt")).EnsureSuccessStatusCode().ReadJsonAsync();

        Assert.Equal(native.ToJsonString(), legacy.ToJsonString());
    }

    /// <summary>Six records: Ana (a1–a3, Codex), Ben (b1–b2, Claude Code, session s-b), Cy (c1, Gemini CLI).</summary>
    private static async Task<Dictionary<string, string>> PostMixAsync(HttpClient client)
    {
        var events = new Dictionary<string, EventBuilder>
        {
            ["a1"] = EventBuilder.Prompt().User("ana@example.com").At("2026-11-20T10:00:00Z").Prompt("add a retry to the uploader"),
            ["b1"] = EventBuilder.Prompt().User("ben@example.com").Client("CLAUDE_CODE_CLI", "claude_code").Session("s-b").At("2026-11-20T10:30:00Z"),
            ["a2"] = EventBuilder.Response().User("ana@example.com").At("2026-11-20T10:01:00Z").Set("response_text", "done"),
            ["a3"] = EventBuilder.Prompt().User("ana@example.com").Client("CODEX_IDE_VSCODE", "codex").At("2026-11-20T11:00:00Z"),
            ["b2"] = EventBuilder.Response().User("ben@example.com").Client("CLAUDE_CODE_CLI", "claude_code").Session("s-b").At("2026-11-20T11:59:59Z"),
            ["c1"] = EventBuilder.Prompt().User("cy@example.com").Client("GEMINI_CLI", "gemini_cli").Model("gemini-2.5-pro")
                .At("2026-11-20T12:00:00Z").Prompt("Retry the build"),
        };
        await PostAsync(client, [.. events.Values]);
        return events.ToDictionary(p => p.Key, p => p.Value.EventId);
    }

    private static async Task PostAsync(HttpClient client, params EventBuilder[] events) =>
        await (await client.PostEventsAsync(EventBuilder.Batch(events))).EnsureSuccessStatusCode().ReadJsonAsync();
}
