using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AgentLedger.CrashTest;
using Google.Protobuf;

namespace AgentLedger.Load;

/// <summary>Builds the requests of each kind of traffic; thread-safe as long as each caller owns its <see cref="Random"/>.</summary>
internal sealed class RequestFactory(OtlpTraffic otlp, VirtualFleet fleet, GitHubTraffic? github)
{
    private static readonly KeyValuePair<string, string>[] NoHeaders = [];
    private long _events;

    public LoadRequest Create(TrafficKind kind, Random random, int batch) => kind switch
    {
        TrafficKind.OtlpLogsProtobuf => Protobuf(kind, "/v1/logs", otlp.Logs(random, batch), batch),
        TrafficKind.OtlpLogsJson => new LoadRequest(kind, "/v1/logs", "application/json", OtlpTraffic.ToOtlpJson(otlp.Logs(random, batch)), batch, NoHeaders),
        TrafficKind.OtlpMetricsProtobuf => Protobuf(kind, "/v1/metrics", otlp.Metrics(random, batch), batch),
        TrafficKind.NativeEvents => NativeEvents(random, batch),
        TrafficKind.GitHubWebhooks => (github ?? throw new InvalidOperationException("GitHub traffic was not set up.")).Create(random),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private static LoadRequest Protobuf(TrafficKind kind, string path, IMessage message, int records) =>
        new(kind, path, "application/x-protobuf", message.ToByteArray(), records, NoHeaders);

    private LoadRequest NativeEvents(Random random, int batch)
    {
        var now = DateTimeOffset.UtcNow;
        var events = new SyntheticEvent[batch];
        for (var i = 0; i < batch; i++)
        {
            var user = fleet.Pick(random);
            events[i] = SyntheticEventSource.Create($"load-{fleet.RunNonce}-{Interlocked.Increment(ref _events)}", user.SessionId, random, now) with
            {
                User = new SyntheticUser(user.Email, user.Login),
            };
        }

        return new LoadRequest(TrafficKind.NativeEvents, "/api/v1/events", "application/json", JsonSerializer.SerializeToUtf8Bytes(events, IngestClient.Json), batch, NoHeaders);
    }
}

/// <summary>
/// GitHub <c>pull_request_review_comment</c> deliveries from the reviewer bot, signed with the workspace's webhook
/// secret (X-Hub-Signature-256, HMAC-SHA256 of the body). The payload is the real example from
/// <c>@octokit/webhooks-examples</c> (tests/.cache, installed by the server tests) with a new comment id per delivery.
/// </summary>
internal sealed class GitHubTraffic(JsonObject example, string workspaceId, string secret, string botLogin)
{
    public const string ExamplesFile = "tests/.cache/octokit-webhooks-examples/node_modules/@octokit/webhooks-examples/api.github.com/index.json";

    private static readonly string[] Priorities = ["P0", "P1", "P2", "P3"];
    private long _comments = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    public static JsonObject LoadExample(string repositoryRoot)
    {
        var path = Path.Combine(repositoryRoot, ExamplesFile);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"--mix github needs the GitHub webhook examples at {path}; run the server's GitHub webhook tests once (they install them with npm).");
        }

        var all = JsonNode.Parse(File.ReadAllText(path))!.AsArray();
        return all.Single(e => (string)e!["name"]! == "pull_request_review_comment")!["examples"]!.AsArray()
            .First(x => (string?)x!["action"] == "created")!.DeepClone().AsObject();
    }

    public LoadRequest Create(Random random)
    {
        var payload = example.DeepClone().AsObject();
        var comment = payload["comment"]!.AsObject();
        var id = Interlocked.Increment(ref _comments);
        comment["id"] = id;
        comment["user"]!.AsObject()["login"] = botLogin;
        var priority = Priorities[random.Next(Priorities.Length)];
        comment["body"] = $"**<sub><sub>![{priority} Badge](https://img.shields.io/badge/{priority}-orange?style=flat)</sub></sub>** This branch can throw on an empty cart.";
        comment["created_at"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ");
        comment["updated_at"] = comment["created_at"]!.DeepClone();
        var body = Encoding.UTF8.GetBytes(payload.ToJsonString());
        var signature = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
        return new LoadRequest(TrafficKind.GitHubWebhooks, $"/api/v1/integrations/github/webhook?workspace_id={workspaceId}", "application/json", body, 1,
        [
            new("X-GitHub-Event", "pull_request_review_comment"),
            new("X-GitHub-Delivery", Guid.NewGuid().ToString()),
            new("X-Hub-Signature-256", signature),
        ]);
    }
}
