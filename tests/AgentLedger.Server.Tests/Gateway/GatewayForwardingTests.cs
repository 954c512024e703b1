using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using AgentLedger.Core.Keys;
using AgentLedger.Server.Tests.EndToEnd;
using AgentLedger.Server.Tests.Testing;
using Microsoft.AspNetCore.Http;

namespace AgentLedger.Server.Tests.Gateway;

/// <summary>
/// The gateway's relay and fault behaviour against a scripted loopback upstream: provider errors pass through
/// unchanged, AgentLedger's own errors come in the provider's shape, streams are relayed as they arrive, a departing
/// agent cancels the upstream call, and DLP redacts before sending.
/// </summary>
public sealed class GatewayForwardingTests(GatewayFixture server) : IClassFixture<GatewayFixture>
{
    private const string Ws = GatewayFixture.ScriptedWorkspace;

    [Theory]
    [InlineData(429, """{"error":{"message":"Rate limit reached for requests","type":"requests","code":"rate_limit_exceeded"}}""")]
    [InlineData(400, """{"error":{"message":"Unsupported parameter: 'foo'","type":"invalid_request_error","param":"foo","code":null}}""")]
    [InlineData(500, """{"error":{"message":"The server had an error","type":"server_error"}}""")]
    public async Task Responses_UpstreamError_IsPassedThroughUnchangedAndRecorded(int status, string body)
    {
        server.Scripted.Reset();
        server.Scripted.Respond = async c =>
        {
            c.Response.StatusCode = status;
            c.Response.Headers["retry-after"] = "7";
            c.Response.ContentType = "application/json";
            await c.Response.WriteAsync(body);
        };
        var session = NewSession();

        using var response = await PostAsync("/gateway/openai/v1/responses", OpenAiKey(await KeyAsync()), ResponsesBody("hello there"), session);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(body, await response.Content.ReadAsStringAsync());
        Assert.Equal("7", response.Headers.GetValues("retry-after").Single());
        var error = await RecordAsync(session, "api.error");
        Assert.Equal(status.ToString(System.Globalization.CultureInfo.InvariantCulture), (string?)error["status"]);
        Assert.Equal(JsonNode.Parse(body)!["error"]!["message"]!.GetValue<string>(), (string?)error["error"]);
    }

    [Fact]
    public async Task Responses_UpstreamDown_Answers502InOpenAiShape()
    {
        var key = await server.GatewayKeyAsync(GatewayFixture.DownWorkspace, "dev@example.com");

        using var response = await PostAsync("/gateway/openai/v1/responses", OpenAiKey(key), ResponsesBody("hi"), NewSession());

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!;
        Assert.Equal("upstream_unreachable", (string?)error["code"]);
        Assert.StartsWith("AgentLedger gateway could not reach the upstream 127.0.0.1:", (string?)error["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Messages_UpstreamSlowToAnswer_Answers504InAnthropicShape()
    {
        server.Scripted.Reset();
        server.Scripted.Respond = async c => await Task.Delay(TimeSpan.FromSeconds(30), c.RequestAborted);

        using var response = await PostAsync("/gateway/anthropic/v1/messages", AnthropicKey(await KeyAsync()), MessagesBody("hi", stream: false), NewSession());

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("error", (string?)body["type"]);
        Assert.Equal("timeout_error", (string?)body["error"]!["type"]);
        Assert.Contains("did not answer within 00:00:03", (string?)body["error"]!["message"], StringComparison.Ordinal);
        await server.Scripted.Aborted.Task.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Messages_Stream_IsRelayedChunkByChunkBeforeTheAnswerIsComplete()
    {
        server.Scripted.Reset();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        server.Scripted.Respond = async c =>
        {
            c.Response.ContentType = "text/event-stream";
            await StubHost.SendEventAsync(c, "message_start", JsonNode.Parse("""{"type":"message_start","message":{"id":"msg_1","model":"claude-x","usage":{"input_tokens":10,"cache_read_input_tokens":4,"cache_creation_input_tokens":2,"output_tokens":1}}}""")!.AsObject());
            await StubHost.SendEventAsync(c, "content_block_delta", JsonNode.Parse("""{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hello, "}}""")!.AsObject());
            await release.Task.WaitAsync(TimeSpan.FromSeconds(10));
            await StubHost.SendEventAsync(c, "content_block_delta", JsonNode.Parse("""{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"world."}}""")!.AsObject());
            await StubHost.SendEventAsync(c, "message_delta", JsonNode.Parse("""{"type":"message_delta","delta":{"stop_reason":"end_turn"},"usage":{"output_tokens":5}}""")!.AsObject());
            await StubHost.SendEventAsync(c, "message_stop", JsonNode.Parse("""{"type":"message_stop"}""")!.AsObject());
        };
        var session = NewSession();
        using var client = new HttpClient { BaseAddress = server.BaseAddress };
        using var request = Request("/gateway/anthropic/v1/messages", AnthropicKey(await KeyAsync()), MessagesBody("Say hello", stream: true), session);

        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var seen = new StringBuilder();
        while (!seen.ToString().Contains("Hello, ", StringComparison.Ordinal))
        {
            seen.AppendLine(await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(5)));
        }

        // The upstream is still holding the rest back: what the agent has seen so far was relayed as it came.
        Assert.DoesNotContain("world.", seen.ToString(), StringComparison.Ordinal);
        release.SetResult();
        seen.Append(await reader.ReadToEndAsync());
        Assert.Contains("message_stop", seen.ToString(), StringComparison.Ordinal);
        var answer = await RecordAsync(session, "model.response");
        Assert.Equal("Hello, world.", (string?)answer["response_text"]);
        Assert.Equal("claude-x", (string?)answer["model"]);
        Assert.Equal(16, (long)answer["usage"]!["input_tokens"]!);
        Assert.Equal(4, (long)answer["usage"]!["cached_input_tokens"]!);
        Assert.Equal(5, (long)answer["usage"]!["output_tokens"]!);
        Assert.True((long)answer["attributes"]!["gateway"]!["ttfb_ms"]! >= 0);
    }

    [Fact]
    public async Task Responses_AgentDisconnectsMidStream_CancelsTheUpstreamRequest()
    {
        server.Scripted.Reset();
        server.Scripted.Respond = async c =>
        {
            c.Response.ContentType = "text/event-stream";
            await StubHost.SendEventAsync(c, "response.output_text.delta", JsonNode.Parse("""{"type":"response.output_text.delta","delta":"partial "}""")!.AsObject());
            await Task.Delay(TimeSpan.FromSeconds(30), c.RequestAborted);
        };
        var session = NewSession();
        using (var client = new HttpClient { BaseAddress = server.BaseAddress })
        {
            using var request = Request("/gateway/openai/v1/responses", OpenAiKey(await KeyAsync()), ResponsesBody("go"), session);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
            Assert.StartsWith("event:", await reader.ReadLineAsync(), StringComparison.Ordinal);
        }

        await server.Scripted.Aborted.Task.WaitAsync(TimeSpan.FromSeconds(5));
        var answer = await RecordAsync(session, "model.response");
        Assert.Equal("cancelled", (string?)answer["status"]);
        Assert.Equal("partial ", (string?)answer["response_text"]);
    }

    [Fact]
    public async Task ChatCompletions_PromptWithGitHubToken_IsRedactedBeforeItLeaves()
    {
        server.Scripted.Reset();
        server.Scripted.Respond = async c =>
        {
            c.Response.ContentType = "application/json";
            await c.Response.WriteAsync("""{"id":"chatcmpl-1","model":"gpt-x","choices":[{"index":0,"message":{"role":"assistant","content":"Noted."},"finish_reason":"stop"}],"usage":{"prompt_tokens":12,"completion_tokens":2}}""");
        };
        const string token = "ghp_0123456789abcdefghijABCDEFGHIJ012345";
        var body = $$"""{"model":"gpt-x","messages":[{"role":"system","content":"be brief"},{"role":"user","content":"my token is {{token}} keep it"}]}""";
        var session = NewSession();

        using var response = await PostAsync("/gateway/openai/v1/chat/completions", OpenAiKey(await KeyAsync()), body, session);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = Assert.Single(server.Scripted.Requests);
        Assert.DoesNotContain(token, sent.Body, StringComparison.Ordinal);
        Assert.Contains("my token is [REDACTED:github-token] keep it", sent.Body, StringComparison.Ordinal);
        Assert.Equal("Bearer " + GatewayFixture.OpenAiUpstreamKey, sent.Headers["authorization"]);
        var answer = await RecordAsync(session, "model.response");
        Assert.Equal("Noted.", (string?)answer["response_text"]);
        var dlp = answer["attributes"]!["gateway"]!["dlp"]!;
        Assert.Equal(1, (int)dlp["redacted"]!);
        Assert.Equal("github-token", (string?)dlp["findings"]![0]!["rule"]);
    }

    [Fact]
    public async Task Gemini_StreamGenerateContent_IsForwardedWithTheHeldKeyAndAssembled()
    {
        server.Scripted.Reset();
        server.Scripted.Respond = async c =>
        {
            c.Response.ContentType = "text/event-stream";
            foreach (var chunk in new[]
            {
                """{"candidates":[{"content":{"role":"model","parts":[{"text":"Running "}]}}],"modelVersion":"gemini-x"}""",
                """{"candidates":[{"content":{"role":"model","parts":[{"text":"it."},{"functionCall":{"name":"run_shell_command","args":{"command":"echo hello"}}}]},"finishReason":"STOP"}],"usageMetadata":{"promptTokenCount":100,"cachedContentTokenCount":40,"candidatesTokenCount":7,"thoughtsTokenCount":3},"modelVersion":"gemini-x"}""",
            })
            {
                await c.Response.WriteAsync("data: " + chunk + "\r\n\r\n");
                await c.Response.Body.FlushAsync();
            }
        };
        var body = """{"contents":[{"role":"user","parts":[{"text":"<session_context>\nsetup\n</session_context>"}]},{"role":"user","parts":[{"text":"Run echo hello"}]}]}""";
        var session = NewSession();
        using var client = new HttpClient { BaseAddress = server.BaseAddress };
        using var request = Request("/gateway/gemini/v1beta/models/gemini-x:streamGenerateContent?alt=sse", null, body, session);
        request.Headers.Add("x-goog-api-key", await KeyAsync());

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = Assert.Single(server.Scripted.Requests);
        Assert.Equal("/v1beta/models/gemini-x:streamGenerateContent?alt=sse", sent.Path);
        Assert.Equal(GatewayFixture.GeminiUpstreamKey, sent.Headers["x-goog-api-key"]);
        var prompt = await RecordAsync(session, "user.prompt");
        Assert.Equal("Run echo hello", (string?)prompt["prompt_text"]);
        var answer = await RecordAsync(session, "model.response");
        Assert.Equal("Running it.", (string?)answer["response_text"]);
        Assert.Equal((100L, 40L, 10L, 3L), ((long)answer["usage"]!["input_tokens"]!, (long)answer["usage"]!["cached_input_tokens"]!, (long)answer["usage"]!["output_tokens"]!, (long)answer["usage"]!["reasoning_tokens"]!));
        var call = await RecordAsync(session, "tool.call");
        Assert.Equal("run_shell_command", (string?)call["tool_name"]);
    }

    [Fact]
    public async Task Messages_KeyProblems_AnswerInAnthropicShapeAndNeverReachTheUpstream()
    {
        server.Scripted.Reset();
        var ingestOnly = await server.GatewayKeyAsync(Ws, "ingest-only", ApiKeyScope.Ingest);

        using var missing = await PostAsync("/gateway/anthropic/v1/messages", null, MessagesBody("hi", false), NewSession());
        using var provider = await PostAsync("/gateway/anthropic/v1/messages", AnthropicKey("sk-ant-api03-realproviderkey"), MessagesBody("hi", false), NewSession());
        using var scope = await PostAsync("/gateway/anthropic/v1/messages", AnthropicKey(ingestOnly), MessagesBody("hi", false), NewSession());

        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, provider.StatusCode);
        Assert.Contains("not an AgentLedger API key", (string?)JsonNode.Parse(await provider.Content.ReadAsStringAsync())!["error"]!["message"], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, scope.StatusCode);
        var scopeError = JsonNode.Parse(await scope.Content.ReadAsStringAsync())!;
        Assert.Equal("permission_error", (string?)scopeError["error"]!["type"]);
        Assert.Contains("'gateway' scope", (string?)scopeError["error"]!["message"], StringComparison.Ordinal);
        Assert.Empty(server.Scripted.Requests);
    }

    [Fact]
    public async Task Responses_BadBodies_AnswerInOpenAiShape()
    {
        server.Scripted.Reset();
        var key = OpenAiKey(await KeyAsync());

        using var notJson = await PostAsync("/gateway/openai/v1/responses", key, "{not json", NewSession());
        using var tooLarge = await PostAsync("/gateway/openai/v1/responses", key, ResponsesBody(new string('x', 2 * 1024 * 1024)), NewSession(), expectContinue: true);

        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.Equal("invalid_json", (string?)JsonNode.Parse(await notJson.Content.ReadAsStringAsync())!["error"]!["code"]);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Contains("Gateway:MaxRequestBodyBytes", (string?)JsonNode.Parse(await tooLarge.Content.ReadAsStringAsync())!["error"]!["message"], StringComparison.Ordinal);
        Assert.Empty(server.Scripted.Requests);
    }

    private Task<string> KeyAsync() => server.GatewayKeyAsync(Ws, "dev@example.com");

    private static string NewSession() => "gw-test-" + Guid.NewGuid().ToString("N");

    private static string ResponsesBody(string prompt) =>
        new JsonObject { ["model"] = "gpt-x", ["stream"] = true, ["input"] = new JsonArray(new JsonObject { ["type"] = "message", ["role"] = "user", ["content"] = new JsonArray(new JsonObject { ["type"] = "input_text", ["text"] = prompt }) }) }.ToJsonString();

    private static string MessagesBody(string prompt, bool stream) =>
        new JsonObject { ["model"] = "claude-x", ["max_tokens"] = 100, ["stream"] = stream, ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = prompt }) }.ToJsonString();

    private static (string Name, string Value)? OpenAiKey(string key) => ("Authorization", "Bearer " + key);

    private static (string Name, string Value)? AnthropicKey(string key) => ("x-api-key", key);

    private static HttpRequestMessage Request(string path, (string Name, string Value)? key, string body, string session)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (key is { } k)
        {
            request.Headers.TryAddWithoutValidation(k.Name, k.Value);
        }

        request.Headers.Add("x-agentledger-session-id", session);
        return request;
    }

    // The gateway refuses an oversized body from its Content-Length without reading it, and Kestrel then closes the
    // connection; a client still writing the body may see a broken pipe instead of the answer. Real clients ask first
    // (Expect: 100-continue, as curl does for large bodies), so the body is never sent.
    private async Task<HttpResponseMessage> PostAsync(string path, (string Name, string Value)? key, string body, string session, bool expectContinue = false)
    {
        using var client = new HttpClient(new SocketsHttpHandler { Expect100ContinueTimeout = TimeSpan.FromMinutes(1) }) { BaseAddress = server.BaseAddress };
        using var request = Request(path, key, body, session);
        request.Headers.ExpectContinue = expectContinue;
        return await client.SendAsync(request);
    }

    private async Task<JsonObject> RecordAsync(string session, string kind)
    {
        var reader = server.Client(await server.IssueKeyAsync(Ws, ApiKeyScope.ComplianceRead));
        for (var i = 0; i < 40; i++)
        {
            var records = await reader.ReadAllRecordsAsync(Ws);
            if (records.FirstOrDefault(r => (string?)r["session_id"] == session && (string?)r["kind"] == kind) is { } found)
            {
                return found;
            }

            await Task.Delay(250);
        }

        throw new Xunit.Sdk.XunitException($"No {kind} record of session {session}.");
    }
}
