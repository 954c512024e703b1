using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using AgentLedger.Core.Keys;
using AgentLedger.Otlp.Proto.Collector.Logs.V1;
using AgentLedger.Otlp.Proto.Common.V1;
using AgentLedger.Otlp.Proto.Logs.V1;
using AgentLedger.Otlp.Proto.Resource.V1;
using AgentLedger.Server.Features.Integrations.GitHub;
using AgentLedger.Server.Tests.Testing;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AgentLedger.Server.Tests.Security;

/// <summary>A server logging everything at Debug into <see cref="Logs"/>.</summary>
public sealed class LogCaptureServerFixture : ServerFixture
{
    public CapturedLogs Logs { get; } = new();

    // Everything at Debug but ASP.NET Core's request-start line (Information), which prints the URL and Content-Type as
    // sent, like any reverse proxy's access log; it is off in the shipped appsettings.json (Microsoft.AspNetCore: Warning).
    protected override IEnumerable<string> ExtraArgs =>
        ["--Logging:LogLevel:Default=Debug", "--Logging:LogLevel:Microsoft.AspNetCore=Debug", "--Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics=Warning"];

    protected override void ConfigureBuilder(WebApplicationBuilder builder) => builder.Logging.AddProvider(Logs);
}

/// <summary>
/// Plants a secret (and a prompt) in every input path — native events, OTLP/HTTP JSON and protobuf, OTLP/gRPC, the
/// GitHub webhook, credentials, and requests that fail validation — then scans AgentLedger's own logs (every category, at
/// Debug) and every error answer for it. Stored content is the record's business; logs and error messages are not.
/// </summary>
public sealed class SecretsInLogsTests(LogCaptureServerFixture server) : IClassFixture<LogCaptureServerFixture>
{
    private const string WebhookSecret = "whsec-test-secret-value-0123456789";

    [Fact]
    public async Task NativeEvents_ValidAndInvalid_LeaveNoSecretInLogsOrErrors()
    {
        var secret = NewSecret();
        var ws = await server.NewWorkspaceAsync(ApiKeyScope.Ingest | ApiKeyScope.ComplianceRead);
        var answers = new List<HttpResponseMessage>
        {
            await ws.Client().PostEventsAsync(EventBuilder.Batch(
                EventBuilder.Prompt().Prompt($"deploy with {secret}").Set("attributes", new JsonObject { ["token"] = secret }),
                EventBuilder.Response().Set("response_text", $"use {secret}"))),
            await ws.Client().PostEventsAsync(EventBuilder.Batch(EventBuilder.Prompt().Set("occurred_at", secret).Prompt(secret))),
            await ws.Client().PostEventsAsync(EventBuilder.Batch(EventBuilder.Prompt().Set("usage", new JsonObject { ["input_tokens"] = secret }))),
            await ws.Client().PostEventsAsync(EventBuilder.Batch(EventBuilder.Prompt().Set(secret, secret).Set("type", secret))),
            await ws.Client().PostRawAsync("/api/v1/events", $$"""[{"event_id":"e","prompt_text":"{{secret}}" """, "application/json"),
            await ws.Client().PostRawAsync("/api/v1/events", $$"""{"event_id":"e","prompt_text":"{{secret}}"}""" + "\n{" + secret, "application/x-ndjson"),
            await ws.Client().PostRawAsync("/api/v1/events", secret, "text/" + "plain"),
        };

        await AssertNoSecretAsync(secret, answers);
        Assert.Contains(secret, (await ws.Client().GetStringAsync("/api/v1/compliance/records")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OtlpHttp_JsonAndProtobuf_ValidAndInvalid_LeaveNoSecretInLogsOrErrors()
    {
        var secret = NewSecret();
        var ws = await server.NewWorkspaceAsync(ApiKeyScope.Ingest | ApiKeyScope.ComplianceRead);
        var client = ws.Client();
        var json = $$$"""{"resourceLogs":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"codex_cli_rs"}}]},"scopeLogs":[{"logRecords":[{"timeUnixNano":"1764150000000000000","body":{"stringValue":"{{{secret}}}"},"attributes":[{"key":"event.name","value":{"stringValue":"codex.user_prompt"}},{"key":"prompt","value":{"stringValue":"{{{secret}}}"}},{"key":"{{{secret}}}","value":{"stringValue":"x"}}]}]}]}]}""";
        var answers = new List<HttpResponseMessage>
        {
            await client.PostRawAsync("/v1/logs", json, "application/json"),
            await PostBytesAsync(client, "/v1/logs", LogsRequest(secret).ToByteArray(), "application/x-protobuf"),
            await client.PostRawAsync("/v1/logs", json.Replace("\"1764150000000000000\"", $"\"{secret}\"", StringComparison.Ordinal), "application/json"),
            await client.PostRawAsync("/v1/logs", json[..^10], "application/json"),
            await client.PostRawAsync("/v1/traces", $$$"""{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"{{{secret}}}","name":"{{{secret}}}"}]}]}]}""", "application/json"),
            await PostBytesAsync(client, "/v1/logs", [0x0a, .. Encoding.UTF8.GetBytes(secret)], "application/x-protobuf"),
            await client.PostRawAsync("/v1/metrics", secret, "application/" + secret),
        };

        await AssertNoSecretAsync(secret, answers);
    }

    [Fact]
    public async Task OtlpGrpc_ValidAndInvalid_LeaveNoSecretInLogsOrErrors()
    {
        var secret = NewSecret();
        var ws = await server.NewWorkspaceAsync(ApiKeyScope.Ingest | ApiKeyScope.ComplianceRead);

        var valid = await GrpcAsync(ws.Key, LogsRequest(secret).ToByteArray());
        var invalid = await GrpcAsync(ws.Key, [0x0a, .. Encoding.UTF8.GetBytes(secret)]);
        var badKey = await GrpcAsync("al_0123456789abcdef_" + secret, LogsRequest(secret).ToByteArray());

        Assert.Equal("0", valid.Status);
        Assert.NotEqual("0", invalid.Status);
        Assert.Equal("16", badKey.Status);
        Assert.DoesNotContain(secret, invalid.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, badKey.Message, StringComparison.Ordinal);
        await AssertNoSecretAsync(secret, []);
    }

    [Fact]
    public async Task GitHubWebhook_SignedUnsignedAndMalformed_LeaveNoSecretInLogsOrErrors()
    {
        var secret = NewSecret();
        var ws = await server.NewWorkspaceAsync(ApiKeyScope.Admin);
        var put = await ws.Client().PutAsJsonAsync($"/api/v1/workspaces/{ws.Id}/integrations/github",
            new JsonObject { ["webhook_secret"] = WebhookSecret, ["reviewer_logins"] = new JsonArray("Codertocat") });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var payload = await GitHubWebhookExamples.GetAsync("pull_request_review_comment", "created");
        payload["comment"]!["body"] = $"**P1** {secret}";

        var answers = new List<HttpResponseMessage>
        {
            await DeliverAsync(ws.Id, Encoding.UTF8.GetBytes(payload.ToJsonString()), WebhookSecret),
            await DeliverAsync(ws.Id, Encoding.UTF8.GetBytes(payload.ToJsonString()), secret),
            await DeliverAsync(ws.Id, Encoding.UTF8.GetBytes("{\"comment\":\"" + secret), WebhookSecret),
            await DeliverAsync(ws.Id, Encoding.UTF8.GetBytes("{\"comment\":{\"body\":7},\"x\":\"" + secret + "\"}"), WebhookSecret),
        };

        await AssertNoSecretAsync(secret, answers);
        await AssertNoSecretAsync(WebhookSecret, []);
    }

    [Fact]
    public async Task Credentials_ApiKeysAndPasswords_NeverReachLogsOrErrors()
    {
        var ws = await server.NewWorkspaceAsync(ApiKeyScope.Admin);
        ApiKeySecret.TryParse(ws.Key, out var key);
        var wrongSecret = $"al_{key.KeyId}_{NewSecret()}";
        var revokedToken = await server.IssueKeyAsync(ws.Id, ApiKeyScope.Ingest);
        ApiKeySecret.TryParse(revokedToken, out var revoked);
        await server.Services.GetRequiredService<IWorkspaceStore>().RevokeApiKeyAsync(ws.Id, revoked.KeyId, DateTimeOffset.UtcNow.AddSeconds(-1), CancellationToken.None);
        var password = NewSecret();

        var answers = new List<HttpResponseMessage>
        {
            await ws.Client().GetAsync($"/api/v1/workspaces/{ws.Id}/keys"),
            await server.Client(wrongSecret).GetAsync("/api/v1/compliance/records"),
            await server.Client(revokedToken).PostEventsAsync(EventBuilder.Batch(EventBuilder.Prompt())),
            await server.Client(revokedToken).PostRawAsync("/v1/logs", "{}", "application/json"),
            await server.Client("not-a-key-" + password).GetAsync("/api/v1/compliance/records"),
            await SignInAsync("nobody@example.com", password),
        };

        foreach (var secret in new[] { ws.Key, key.Secret, wrongSecret, revokedToken, revoked.Secret, password })
        {
            await AssertNoSecretAsync(secret, answers);
        }
    }

    private async Task AssertNoSecretAsync(string secret, IEnumerable<HttpResponseMessage> answers)
    {
        foreach (var answer in answers.Where(a => (int)a.StatusCode >= 400))
        {
            var body = await answer.Content.ReadAsStringAsync();
            Assert.False(body.Contains(secret, StringComparison.Ordinal),
                $"{answer.RequestMessage?.Method} {answer.RequestMessage?.RequestUri?.AbsolutePath} answered {(int)answer.StatusCode} with the secret: {body}");
            Assert.DoesNotContain(secret, string.Join(" ", answer.Headers.SelectMany(h => h.Value)), StringComparison.Ordinal);
        }

        // The writer acknowledges after commit; the log lines of a request are written before its answer.
        var leaked = server.Logs.Entries.Where(e => e.Contains(secret, StringComparison.Ordinal)).ToList();
        Assert.True(leaked.Count == 0, "the server logged a secret:\n" + string.Join('\n', leaked.Take(5)));
        Assert.NotEmpty(server.Logs.Entries);
    }

    // Looks like a credential but matches no DLP rule (the '0' after AKIA breaks the AWS key id pattern, and the rest is
    // lower case), so stored content keeps it verbatim and a redaction can never hide a leak from this test.
    private static string NewSecret() => "AKIA0" + Guid.NewGuid().ToString("N")[..15] + "-s3cr3t-" + Guid.NewGuid().ToString("N");

    private static ExportLogsServiceRequest LogsRequest(string secret) => new()
    {
        ResourceLogs =
        {
            new ResourceLogs
            {
                Resource = new Resource { Attributes = { new KeyValue { Key = "service.name", Value = new AnyValue { StringValue = "claude-code" } } } },
                ScopeLogs =
                {
                    new ScopeLogs
                    {
                        LogRecords =
                        {
                            new LogRecord
                            {
                                TimeUnixNano = 1_764_150_000_000_000_000,
                                Body = new AnyValue { StringValue = secret },
                                Attributes =
                                {
                                    new KeyValue { Key = "event.name", Value = new AnyValue { StringValue = "user_prompt" } },
                                    new KeyValue { Key = "prompt", Value = new AnyValue { StringValue = secret } },
                                },
                            },
                        },
                    },
                },
            },
        },
    };

    private static Task<HttpResponseMessage> PostBytesAsync(HttpClient client, string path, byte[] body, string contentType)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return client.PostAsync(path, content);
    }

    private Task<HttpResponseMessage> DeliverAsync(string workspaceId, byte[] body, string signWith)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/integrations/github/webhook?workspace_id={workspaceId}");
        request.Headers.Add("X-GitHub-Event", "pull_request_review_comment");
        request.Headers.Add("X-GitHub-Delivery", Guid.NewGuid().ToString());
        request.Headers.Add("X-Hub-Signature-256", GitHubWebhookSignature.Sign(signWith, body));
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = new("application/json");
        return server.Client(null).SendAsync(request);
    }

    private async Task<HttpResponseMessage> SignInAsync(string email, string password)
    {
        var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
        using var client = new HttpClient(handler) { BaseAddress = server.BaseAddress };
        var form = await client.GetStringAsync("/login");
        var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        return await client.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login", ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token), ["Input.Email"] = email, ["Input.Password"] = password,
        }));
    }

    private async Task<(string? Status, string Message)> GrpcAsync(string key, byte[] message)
    {
        var frame = new byte[5 + message.Length];
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)message.Length);
        message.CopyTo(frame, 5);
        using var client = new HttpClient { BaseAddress = server.GrpcAddress };
        var request = new HttpRequestMessage(HttpMethod.Post, "/opentelemetry.proto.collector.logs.v1.LogsService/Export")
        {
            Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact, Content = new ByteArrayContent(frame),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        request.Headers.TE.ParseAdd("trailers");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var response = await client.SendAsync(request);
        await response.Content.ReadAsByteArrayAsync();
        var status = response.TrailingHeaders.TryGetValues("grpc-status", out var s) ? s.First() : response.Headers.TryGetValues("grpc-status", out var h) ? h.First() : null;
        var text = response.TrailingHeaders.TryGetValues("grpc-message", out var m) ? m.First() : response.Headers.TryGetValues("grpc-message", out var hm) ? hm.First() : "";
        return (status, Uri.UnescapeDataString(text));
    }
}
