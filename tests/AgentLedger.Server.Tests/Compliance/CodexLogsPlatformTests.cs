using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using AgentLedger.Core.Keys;
using AgentLedger.Server.Tests.Testing;

namespace AgentLedger.Server.Tests.Compliance;

/// <summary>
/// The Codex-compatible Compliance Logs Platform, read the way Elastic's <c>openai_chatgpt_enterprise</c> integration
/// reads OpenAI's (its CEL program: list with <c>after = last_end_time</c> while <c>has_more</c>, download each listed
/// file, dedupe by file id and <c>event_id</c>).
/// </summary>
public sealed class CodexLogsPlatformTests(ComplianceServerFixture server) : IClassFixture<ComplianceServerFixture>
{
    [Fact]
    public async Task Collector_ElasticStyleLoopDuringConcurrentIngest_EndsWithExactlyTheIngestedRecords()
    {
        var ws = await server.NewWorkspaceAsync(ApiKeyScope.Ingest | ApiKeyScope.ComplianceRead);
        var ingest = new ConcurrentIngest();
        var ingesting = ingest.RunAsync(ws, senders: 3, batchesPerSender: 12, perBatch: 9);
        var collector = new CodexLogCollector(ws.Client(), ws.Id, batchSize: 4);

        // poll while ingest runs, as a collector on a schedule would
        while (!ingesting.IsCompleted)
        {
            await collector.PollAsync();
            await Task.Delay(50);
        }

        await ingesting;
        while (!await server.AllSealedAsync(ws.Id))
        {
            await Task.Delay(50);
        }

        await collector.PollAsync();

        Assert.Equal(ingest.SentEventIds.Order(), collector.SourceEventIds.Order());
        Assert.Empty(collector.DuplicateEventIds);
        Assert.Equal(Enumerable.Range(1, ingest.SentEventIds.Count).Select(i => (long)i), collector.Seqs.Order());
        Assert.True(collector.Files.Count > 3, $"only {collector.Files.Count} files were sealed");
        Assert.True(collector.ListCalls > collector.Files.Count / 4, "the collector must have paged");
    }

    [Fact]
    public async Task SealedFile_LateEventArrivesAfterwards_GoesIntoALaterFileAndTheSealedOneNeverChanges()
    {
        var ws = await server.NewWorkspaceAsync(ApiKeyScope.Ingest | ApiKeyScope.ComplianceRead);
        using var client = ws.Client();
        var onTime = Enumerable.Range(0, 5).Select(i => EventBuilder.Prompt().At($"2026-11-20T10:0{i}:00Z")).ToArray();
        await (await client.PostEventsAsync(EventBuilder.Batch(onTime))).EnsureSuccessStatusCode().ReadJsonAsync();
        await server.SealNowAsync();
        var first = await ListAsync(client, ws.Id, "CODEX_LOG");
        var firstFile = Assert.Single(first["data"]!.AsArray())!;
        var firstBytes = await (await client.GetAsync(FileUrl(ws.Id, firstFile))).EnsureSuccessStatusCode().Content.ReadAsByteArrayAsync();

        var late = EventBuilder.Prompt().At("2026-11-19T08:00:00Z");
        await (await client.PostEventsAsync(EventBuilder.Batch(late))).EnsureSuccessStatusCode().ReadJsonAsync();
        await server.SealNowAsync();

        var files = (await ListAsync(client, ws.Id, "CODEX_LOG"))["data"]!.AsArray();
        Assert.Equal(2, files.Count);
        Assert.Equal(firstFile.ToJsonString(), files[0]!.ToJsonString());
        var againBytes = await (await client.GetAsync(FileUrl(ws.Id, files[0]!))).EnsureSuccessStatusCode().Content.ReadAsByteArrayAsync();
        Assert.Equal(firstBytes, againBytes);
        var lateLines = Lines(await (await client.GetAsync(FileUrl(ws.Id, files[1]!))).EnsureSuccessStatusCode().Content.ReadAsByteArrayAsync());
        Assert.Equal([late.EventId], lateLines.Select(l => (string)l["event_details"]!["source_event_id"]!));
        Assert.DoesNotContain(late.EventId, Lines(firstBytes).Select(l => (string)l["event_details"]!["source_event_id"]!));
        Assert.True(DateTimeOffset.Parse((string)files[1]!["end_time"]!) > DateTimeOffset.Parse((string)files[0]!["end_time"]!));
    }

    [Fact]
    public async Task Download_File_ServesTheSealedBytesWithTheirLengthAndSha256()
    {
        var ws = await server.NewWorkspaceAsync(ApiKeyScope.Ingest | ApiKeyScope.ComplianceRead);
        using var client = ws.Client();
        await (await client.PostEventsAsync(EventBuilder.Batch(EventBuilder.Prompt().Prompt("naïve “quoted” ✓"), EventBuilder.Response())))
            .EnsureSuccessStatusCode().ReadJsonAsync();
        await server.SealNowAsync();
        var file = (await ListAsync(client, ws.Id, "CODEX_LOG"))["data"]![0]!;

        var response = await client.GetAsync(FileUrl(ws.Id, file));
        var bytes = await response.EnsureSuccessStatusCode().Content.ReadAsByteArrayAsync();

        Assert.Equal((long)file["file_size"]!, bytes.Length);
        Assert.Equal((string)file["file_sha256"]!, Convert.ToHexStringLower(SHA256.HashData(bytes)));
        Assert.Equal($"sha-256=:{Convert.ToBase64String(SHA256.HashData(bytes))}:", response.Headers.GetValues("Repr-Digest").Single());
        var lines = Lines(bytes);
        Assert.Equal(2, lines.Count);
        Assert.All(lines, l => Assert.Equal("CODEX_LOG", (string)l["type"]!));
        Assert.Equal(["PROMPT_SUBMITTED", "PROMPT_RESPONSE_RECEIVED"], lines.Select(l => (string)l["event_type"]!));
        Assert.Equal("naïve “quoted” ✓", (string)lines[0]["event_details"]!["prompt_text"]!);
        Assert.Equal((ws.Id, "WORKSPACE"), ((string)lines[0]["principal"]!["id"]!, (string)lines[0]["principal"]!["type"]!));
        Assert.Equal("dev@example.com", (string)lines[0]["actor"]!["user_email"]!);
    }

    [Theory]
    [InlineData("event_type=CONVERSATION", "event_type")]
    [InlineData("after=yesterday", "after")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=1001", "limit")]
    public async Task List_BadParameter_Answers400NamingIt(string query, string field)
    {
        var ws = await server.NewWorkspaceAsync(ApiKeyScope.ComplianceRead);

        var response = await ws.Client().GetAsync($"/v1/compliance/workspaces/{ws.Id}/logs?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith(field, (string)(await response.ReadProblemAsync())["detail"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_AnotherWorkspacesLogs_Answers404()
    {
        var a = await server.NewWorkspaceAsync(ApiKeyScope.ComplianceRead);
        var b = await server.NewWorkspaceAsync(ApiKeyScope.Ingest | ApiKeyScope.ComplianceRead);
        await (await b.Client().PostEventsAsync(EventBuilder.Batch(EventBuilder.Prompt()))).EnsureSuccessStatusCode().ReadJsonAsync();
        await server.SealNowAsync();
        var bFile = (await ListAsync(b.Client(), b.Id, null))["data"]![0]!;

        Assert.Equal(HttpStatusCode.NotFound, (await a.Client().GetAsync($"/v1/compliance/workspaces/{b.Id}/logs")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await a.Client().GetAsync(FileUrl(b.Id, bFile))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await a.Client().GetAsync(FileUrl(a.Id, bFile))).StatusCode);
    }

    private static async Task<JsonObject> ListAsync(HttpClient client, string workspaceId, string? eventType) =>
        await (await client.GetAsync($"/v1/compliance/workspaces/{workspaceId}/logs" + (eventType is null ? "" : $"?event_type={eventType}")))
            .EnsureSuccessStatusCode().ReadJsonAsync();

    private static string FileUrl(string workspaceId, JsonNode file) => $"/v1/compliance/workspaces/{workspaceId}/logs/{(string)file["id"]!}";

    private static List<JsonObject> Lines(byte[] jsonl) =>
        System.Text.Encoding.UTF8.GetString(jsonl).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
}
