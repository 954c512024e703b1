using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using AgentLedger.Core.Compliance;
using AgentLedger.Core.Siem;
using AgentLedger.Core.Tests.Compliance;

namespace AgentLedger.Core.Tests.Siem;

public sealed class SiemPayloadTests
{
    private static readonly ProductInfo Product = ProductInfo.AgentLedger("1.2.3");

    [Fact]
    public void Apply_ContentLevels_MetadataDropsHashedDigestsFullKeeps()
    {
        var record = TestRecords.Response();

        var metadata = SiemContent.Apply(record, SiemContentLevel.Metadata);
        var hashed = SiemContent.Apply(record, SiemContentLevel.Hashed);

        Assert.Equal((null, null), (metadata.PromptText, metadata.ResponseText));
        Assert.Equal(record with { PromptText = null, ResponseText = null }, metadata);
        // printf %s "Refactor timeline.tsx" | sha256sum
        Assert.Equal("sha256:2b47ace5e5cbea68c14f2aa47d08ddddfc87bdbfbbb7b98d28a2b469ce273155", hashed.PromptText);
        Assert.StartsWith("sha256:", hashed.ResponseText);
        Assert.Equal(71, hashed.ResponseText!.Length);
        Assert.Same(record, SiemContent.Apply(record, SiemContentLevel.Full));
    }

    [Fact]
    public void SplunkHec_TwoItems_ConcatenatedEnvelopesWithSecondsTimeAndFields()
    {
        var events = new SiemEventWriter(SiemPayloadFormat.Ocsf, SiemContentLevel.Metadata, Product);
        var formatter = new SplunkHecFormatter(events, "host-1", "agents", null);
        var output = new ArrayBufferWriter<byte>();
        formatter.Append(output, SiemItem.Of(TestRecords.Response(1)));
        formatter.Append(output, SiemItem.Of(TestRecords.Response(2) with { OccurredAt = TestRecords.At.AddMilliseconds(250) }));

        var reader = new Utf8JsonReader(output.WrittenSpan, new JsonReaderOptions { AllowMultipleValues = true });
        var envelopes = new List<JsonNode>();
        while (reader.Read())
        {
            envelopes.Add(JsonNode.Parse(ref reader)!);
        }

        Assert.Equal(2, envelopes.Count);
        Assert.Equal(1783591724.250m, (decimal)envelopes[1]["time"]!);
        Assert.Equal(("host-1", "agentledger", "agentledger:record", "agents"),
            ((string?)envelopes[0]["host"], (string?)envelopes[0]["source"], (string?)envelopes[0]["sourcetype"], (string?)envelopes[0]["index"]));
        Assert.Equal(("acme", "2", "model.response"),
            ((string?)envelopes[1]["fields"]!["workspace"], (string?)envelopes[1]["fields"]!["seq"], (string?)envelopes[1]["fields"]!["kind"]));
        Assert.Equal(600301, (int)envelopes[0]["event"]!["type_uid"]!);
    }

    [Fact]
    public void Ecs_Record_TimestampEventUserAndGenAiFields()
    {
        var events = new SiemEventWriter(SiemPayloadFormat.Ecs, SiemContentLevel.Full, Product);
        var doc = JsonNode.Parse(events.ToUtf8(SiemItem.Of(TestRecords.Response(5))))!;

        Assert.Equal("2026-07-09T10:08:44.000000Z", (string?)doc["@timestamp"]);
        Assert.Equal(("0197f0c2a1b27c3d8e9f001122334455", "model.response", 5L),
            ((string?)doc["event"]!["id"], (string?)doc["event"]!["action"], (long)doc["event"]!["sequence"]!));
        Assert.Equal(("user@example.org", "81.2.69.142", "gpt-5.1-codex-max", 4200L),
            ((string?)doc["user"]!["email"], (string?)doc["source"]!["ip"], (string?)doc["gen_ai"]!["request"]!["model"],
                (long)doc["gen_ai"]!["usage"]!["input_tokens"]!));
        Assert.Equal("Refactored timeline.tsx.", (string?)doc["agentledger"]!["response_text"]);
    }

    [Fact]
    public void Secrets_ToString_NeverPrintsTheValues()
    {
        var secrets = new SiemSecrets { HecToken = "tok-123456", WebhookSecret = "whsec-abcdef", ClientKeyPem = "-----BEGIN PRIVATE KEY-----x" };
        var destination = new SiemDestination
        {
            WorkspaceId = "acme", Id = "d1", Name = "n", Kind = SiemDestinationKind.Webhook, Format = SiemPayloadFormat.Native,
            Endpoint = new SiemEndpoint(), Secrets = secrets, CreatedAt = TestRecords.At, UpdatedAt = TestRecords.At,
        };

        foreach (var text in new[] { secrets.ToString(), destination.ToString() })
        {
            Assert.DoesNotContain("tok-123456", text, StringComparison.Ordinal);
            Assert.DoesNotContain("whsec-abcdef", text, StringComparison.Ordinal);
            Assert.DoesNotContain("PRIVATE KEY", text, StringComparison.Ordinal);
        }

        Assert.Equal(["hec_token", "webhook_secret", "client_key_pem"], secrets.Names);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(4, 8)]
    [InlineData(9, 256)]
    [InlineData(10, 300)]
    [InlineData(1000, 300)]
    public void RetryPolicy_Ceiling_DoublesPerFailureUpToTheMaximum(int failures, int seconds)
    {
        var policy = new SiemRetryPolicy(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5));
        Assert.Equal(TimeSpan.FromSeconds(seconds), policy.Ceiling(failures));
        Assert.Equal(TimeSpan.Zero, policy.Delay(failures, 0));
        Assert.Equal(TimeSpan.FromSeconds(seconds), policy.Delay(failures, 1));
        Assert.Equal(TimeSpan.FromSeconds(seconds / 2.0), policy.Delay(failures, 0.5));
    }

    [Fact]
    public void RetryPolicy_RetryAfter_IsAFloorCappedAtTheMaximum()
    {
        var policy = new SiemRetryPolicy(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5));
        Assert.Equal(TimeSpan.FromSeconds(30), policy.Delay(1, 0.5, TimeSpan.FromSeconds(30)));
        Assert.Equal(TimeSpan.FromMinutes(5), policy.Delay(1, 0.5, TimeSpan.FromHours(1)));
    }
}
