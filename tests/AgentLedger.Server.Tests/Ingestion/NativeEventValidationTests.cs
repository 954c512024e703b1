using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using AgentLedger.Server.Tests.Testing;

namespace AgentLedger.Server.Tests.Ingestion;

public sealed class NativeEventValidationTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Ingest_MixedValidAndInvalid_StoresExactlyTheValidOnesAndNamesEachRejection()
    {
        var ws = await server.NewWorkspaceAsync();
        var valid = new[] { EventBuilder.Prompt(), EventBuilder.Response().Model("gpt-5-codex"), EventBuilder.Prompt() };
        var batch = new JsonArray(
            valid[0].Build(),
            EventBuilder.Prompt().Without("event_id").Build(),
            valid[1].Build(),
            EventBuilder.Prompt().Id("bad-time").Set("occurred_at", "yesterday").Build(),
            EventBuilder.Of("code_review.reaction").Id("bad-reaction").Review(new JsonObject { ["comment_id"] = "c", ["reaction"] = "love" }).Build(),
            valid[2].Build(),
            EventBuilder.Prompt().Id("no-user").Set("user", new JsonObject()).Build());

        var response = await ws.Client().PostEventsAsync(batch);

        var body = await response.EnsureSuccessStatusCode().ReadJsonAsync();
        Assert.Equal(3, (int)body["accepted"]!);
        var rejected = body["rejected"]!.AsArray().Select(r => ((int)r!["index"]!, (string?)r["event_id"], (string)r["error"]!)).ToList();
        Assert.Equal([1, 3, 4, 6], rejected.Select(r => r.Item1));
        Assert.Contains("event_id is required", rejected[0].Item3, StringComparison.Ordinal);
        Assert.Equal("bad-time", rejected[1].Item2);
        Assert.Contains("occurred_at must be an RFC 3339 timestamp", rejected[1].Item3, StringComparison.Ordinal);
        Assert.Contains("review.reaction is not one of", rejected[2].Item3, StringComparison.Ordinal);
        Assert.Contains("user needs at least one of", rejected[3].Item3, StringComparison.Ordinal);

        var stored = await ws.Client().ReadAllRecordsAsync(ws.Id);
        Assert.Equal(valid.Select(v => v.EventId).Order(), stored.Select(r => (string)r["event_id"]!).Order());
        Assert.Equal([1L, 2L, 3L], stored.Select(r => (long)r["seq"]!));
    }

    [Fact]
    public async Task Ingest_AllInvalid_Answers422AndStoresNothing()
    {
        var ws = await server.NewWorkspaceAsync();
        var response = await ws.Client().PostEventsAsync(EventBuilder.Batch(EventBuilder.Of("no.such.type")));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.ReadJsonAsync();
        Assert.Contains("type is not one of", (string)problem["rejected"]![0]!["error"]!, StringComparison.Ordinal);
        Assert.Empty(await ws.Client().ReadAllRecordsAsync(ws.Id));
    }

    [Fact]
    public async Task Ingest_MalformedJson_IsRejectedWholeWithProblemDetailsAndKeepsStoredData()
    {
        var ws = await server.NewWorkspaceAsync();
        await (await ws.Client().PostEventsAsync(EventBuilder.Batch(EventBuilder.Prompt()))).EnsureSuccessStatusCode().ReadJsonAsync();

        var response = await ws.Client().PostRawAsync("/api/v1/events", "[{\"event_id\": \"x\",", "application/json");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("not valid JSON", (string)(await response.ReadJsonAsync())["detail"]!, StringComparison.Ordinal);
        Assert.Single(await ws.Client().ReadAllRecordsAsync(ws.Id));
    }

    [Fact]
    public async Task Ingest_Ndjson_StoresEveryLine()
    {
        var ws = await server.NewWorkspaceAsync();
        var lines = string.Join("\n", Enumerable.Range(0, 5).Select(_ => EventBuilder.Prompt().Build().ToJsonString())) + "\n";

        var body = await (await ws.Client().PostRawAsync("/api/v1/events", lines, "application/x-ndjson")).EnsureSuccessStatusCode().ReadJsonAsync();

        Assert.Equal(5, (int)body["accepted"]!);
        Assert.Equal(5, (await ws.Client().ReadAllRecordsAsync(ws.Id)).Count);
    }

    [Fact]
    public async Task Ingest_NdjsonWithBrokenLine_NamesTheLineAndStoresNothing()
    {
        var ws = await server.NewWorkspaceAsync();
        var lines = EventBuilder.Prompt().Build().ToJsonString() + "\n{broken\n";

        var response = await ws.Client().PostRawAsync("/api/v1/events", lines, "application/x-ndjson");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Line 2", (string)(await response.ReadJsonAsync())["detail"]!, StringComparison.Ordinal);
        Assert.Empty(await ws.Client().ReadAllRecordsAsync(ws.Id));
    }

    [Fact]
    public async Task Ingest_GzipBody_IsInflatedAndStored()
    {
        var ws = await server.NewWorkspaceAsync();
        var json = Encoding.UTF8.GetBytes(EventBuilder.Batch(EventBuilder.Prompt(), EventBuilder.Prompt()).ToJsonString());
        using var compressed = new MemoryStream();
        await using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            await gzip.WriteAsync(json);
        }

        var content = new ByteArrayContent(compressed.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        content.Headers.ContentEncoding.Add("gzip");
        var body = await (await ws.Client().PostAsync("/api/v1/events", content)).EnsureSuccessStatusCode().ReadJsonAsync();

        Assert.Equal(2, (int)body["accepted"]!);
    }

    [Fact]
    public async Task Ingest_OtherContentType_Answers415()
    {
        var ws = await server.NewWorkspaceAsync();
        var response = await ws.Client().PostRawAsync("/api/v1/events", "event_id=1", "application/x-www-form-urlencoded");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains("application/x-ndjson", (string)(await response.ReadJsonAsync())["detail"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_FutureTimestamp_IsRejectedWithReason()
    {
        var ws = await server.NewWorkspaceAsync();
        var body = await (await ws.Client().PostEventsAsync(EventBuilder.Batch(
            EventBuilder.Prompt(), EventBuilder.Prompt().At(DateTimeOffset.UtcNow.AddDays(3))))).EnsureSuccessStatusCode().ReadJsonAsync();

        Assert.Equal(1, (int)body["accepted"]!);
        Assert.Contains("in the future", (string)body["rejected"]![0]!["error"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_WithoutUserAgent_StoresNoUserAgentRatherThanAnEmptyOne()
    {
        var ws = await server.NewWorkspaceAsync();
        using var client = ws.Client();
        client.DefaultRequestHeaders.UserAgent.Clear();

        await (await client.PostEventsAsync(EventBuilder.Batch(EventBuilder.Prompt()))).EnsureSuccessStatusCode().ReadJsonAsync();

        var stored = Assert.Single(await ws.Client().ReadAllRecordsAsync(ws.Id));
        Assert.False(stored.ContainsKey("user_agent"), stored.ToJsonString());
    }
}
