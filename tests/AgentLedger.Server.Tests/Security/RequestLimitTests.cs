using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using AgentLedger.Core.Keys;
using AgentLedger.Server.Tests.Testing;

namespace AgentLedger.Server.Tests.Security;

/// <summary>Each limit answers a clear 4xx or 429 (or drops the slow connection) and stores nothing of the refused request.</summary>
public sealed class RequestLimitTests(TightLimitsServerFixture server) : IClassFixture<TightLimitsServerFixture>
{
    [Fact]
    public async Task NativeEvents_OverTheKeysRate_Answer429WithRetryAfterAndStoreNothing()
    {
        var ws = await server.NewWorkspaceAsync(ApiKeyScope.Ingest);
        var reader = server.Client(await server.IssueKeyAsync(ws.Id, ApiKeyScope.ComplianceRead));
        var accepted = new List<string>();
        HttpResponseMessage? refused = null;
        string? refusedId = null;

        for (var i = 0; i < TightLimitsServerFixture.Burst + 30 && refused is null; i++)
        {
            var evt = EventBuilder.Prompt();
            var response = await ws.Client().PostEventsAsync(EventBuilder.Batch(evt));
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                (refused, refusedId) = (response, evt.EventId);
            }
            else
            {
                response.EnsureSuccessStatusCode();
                accepted.Add(evt.EventId);
            }
        }

        Assert.NotNull(refused);
        Assert.True(accepted.Count >= TightLimitsServerFixture.Burst, $"only {accepted.Count} requests passed before the 429");
        Assert.True(int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
        var problem = await refused.ReadJsonAsync();
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Contains("RateLimits:PermitsPerSecond", (string)problem["detail"]!, StringComparison.Ordinal);
        Assert.DoesNotContain(ws.Key, problem.ToJsonString(), StringComparison.Ordinal);
        var json = string.Join(",", (await reader.ReadAllRecordsAsync(ws.Id)).Select(r => r.ToJsonString()));
        Assert.DoesNotContain(refusedId!, json, StringComparison.Ordinal);
        Assert.All(accepted, id => Assert.Contains(id, json, StringComparison.Ordinal));
    }

    [Fact]
    public async Task RateLimit_IsPerKey_AnotherKeyIsNotSlowedDown()
    {
        var noisy = await server.NewWorkspaceAsync(ApiKeyScope.AnalyticsRead);
        var quiet = await server.NewWorkspaceAsync(ApiKeyScope.AnalyticsRead);
        var status = HttpStatusCode.OK;
        for (var i = 0; i < TightLimitsServerFixture.Burst + 30 && status != HttpStatusCode.TooManyRequests; i++)
        {
            status = (await noisy.Client().GetAsync($"/api/v1/workspaces/{noisy.Id}/")).StatusCode;
        }

        var other = await quiet.Client().GetAsync($"/api/v1/workspaces/{quiet.Id}/");

        Assert.Equal(HttpStatusCode.TooManyRequests, status);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task OtlpHttp_OverTheKeysRate_Answers429InOtlpShapeWithRetryAfter()
    {
        var ws = await server.NewWorkspaceAsync(ApiKeyScope.Ingest);
        HttpResponseMessage? last = null;
        for (var i = 0; i < TightLimitsServerFixture.Burst + 30; i++)
        {
            last = await ws.Client().PostRawAsync("/v1/logs", """{"resourceLogs":[]}""", "application/json");
            if (last.StatusCode == HttpStatusCode.TooManyRequests)
            {
                break;
            }
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, last!.StatusCode);
        Assert.True(last.Headers.Contains("Retry-After"));
        var status = JsonNode.Parse(await last.Content.ReadAsStringAsync())!;
        Assert.Equal(8, (int)status["code"]!);
        Assert.Contains("RateLimits:PermitsPerSecond", (string)status["message"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiBody_OverTheApiCap_Answers413_WhileIngestTakesLargerBodies()
    {
        var ws = await server.NewWorkspaceAsync(ApiKeyScope.Admin);
        var users = new JsonObject { ["users"] = new JsonArray(Enumerable.Range(0, 100).Select(i => (JsonNode)new JsonObject { ["email"] = $"user{i}@example.com" }).ToArray()) };

        var big = await ws.Client().PutAsync($"/api/v1/workspaces/{ws.Id}/directory/users",
            new StringContent(users.ToJsonString(), Encoding.UTF8, "application/json"));
        var ingest = await ws.Client().PostEventsAsync(EventBuilder.Batch(EventBuilder.Prompt().Prompt(new string('p', TightLimitsServerFixture.MaxApiBodyBytes * 2))));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, big.StatusCode);
        Assert.Equal("application/problem+json", big.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, ingest.StatusCode);
        var listed = await (await ws.Client().GetAsync($"/api/v1/workspaces/{ws.Id}/directory/users")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("user1@example.com", listed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Otlp_MoreRecordsThanAllowed_Answers413NamingTheLimitAndStoresNothing()
    {
        var ws = await server.NewWorkspaceAsync(ApiKeyScope.Ingest | ApiKeyScope.ComplianceRead);
        var logs = Enumerable.Range(0, TightLimitsServerFixture.MaxRecordsPerRequest + 1)
            .Select(i => $$$"""{"timeUnixNano":"1764150000000000000","body":{"stringValue":"line {{{i}}}"},"attributes":[{"key":"event.name","value":{"stringValue":"codex.user_prompt"}}]}""");
        var body = $$$"""{"resourceLogs":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"codex_cli_rs"}}]},"scopeLogs":[{"logRecords":[{{{string.Join(',', logs)}}}]}]}]}""";

        var response = await ws.Client().PostRawAsync("/v1/logs", body, "application/json");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("Ingest:MaxRecordsPerRequest", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await ws.Client().ReadAllRecordsAsync(ws.Id));
    }

    [Fact]
    public async Task SlowHeaders_AreCutOffAfterTheHeadersTimeout()
    {
        using var socket = await ConnectAsync();
        await socket.SendAsync(Encoding.ASCII.GetBytes("GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\n"));

        var (closedOrAnswered, answer) = await WaitForServerAsync(socket, TimeSpan.FromSeconds(15));

        Assert.True(closedOrAnswered, "the server kept a connection whose headers never ended");
        Assert.DoesNotContain("200 OK", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SlowBody_IsCutOffBelowTheMinimumDataRate_AndStoresNothing()
    {
        var ws = await server.NewWorkspaceAsync(ApiKeyScope.Ingest | ApiKeyScope.ComplianceRead);
        var evt = EventBuilder.Batch(EventBuilder.Prompt()).ToJsonString();
        var padded = evt + new string(' ', 20_000);
        using var socket = await ConnectAsync();
        await socket.SendAsync(Encoding.ASCII.GetBytes(
            $"POST /api/v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {ws.Key}\r\nContent-Type: application/json\r\nContent-Length: {Encoding.UTF8.GetByteCount(padded)}\r\n\r\n"));

        var cutOff = false;
        var bytes = Encoding.UTF8.GetBytes(padded);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        for (var i = 0; i < bytes.Length && DateTime.UtcNow < deadline; i += 10)
        {
            try
            {
                await socket.SendAsync(bytes.AsMemory(i, Math.Min(10, bytes.Length - i)));
                if (socket.Poll(0, SelectMode.SelectRead))
                {
                    cutOff = true;
                    break;
                }
            }
            catch (SocketException)
            {
                cutOff = true;
                break;
            }

            await Task.Delay(100);
        }

        Assert.True(cutOff, "a body sent at 100 bytes per second was not cut off at a minimum of 1000 bytes per second");
        Assert.Empty(await ws.Client().ReadAllRecordsAsync(ws.Id));
    }

    private async Task<Socket> ConnectAsync()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(IPAddress.Loopback, server.BaseAddress.Port);
        return socket;
    }

    /// <summary>Whether the server answered or closed the connection within <paramref name="timeout"/>, and what it said.</summary>
    private static async Task<(bool, string)> WaitForServerAsync(Socket socket, TimeSpan timeout)
    {
        var buffer = new byte[4096];
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            var read = await socket.ReceiveAsync(buffer, SocketFlags.None, cts.Token);
            return (true, Encoding.ASCII.GetString(buffer, 0, read));
        }
        catch (OperationCanceledException)
        {
            return (false, "");
        }
        catch (SocketException)
        {
            return (true, "");
        }
    }
}
