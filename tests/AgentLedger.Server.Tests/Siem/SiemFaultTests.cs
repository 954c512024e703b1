using System.Net;
using System.Text.Json.Nodes;
using AgentLedger.Core.Keys;
using AgentLedger.Server.Tests.Testing;

namespace AgentLedger.Server.Tests.Siem;

/// <summary>
/// Issue 10's fault tests against loopback fakes of a webhook receiver and of Splunk HEC that follow their documented
/// contracts: a receiver that is down (connections refused) or busy for a while loses nothing and gets everything
/// in order once it is back; a record refused for good is set aside, visible and counted, and the rest flows.
/// </summary>
public sealed class SiemFaultTests(SiemServerFixture server) : IClassFixture<SiemServerFixture>
{
    private const string Secret = "whsec-0123456789abcdef";
    private const string HecToken = "12345678-1234-1234-1234-1234567890AB";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Webhook_ReceiverDownThenBack_NothingLostOrderKeptAndStatusShowsTheOutage()
    {
        await using var receiver = new FakeWebhookReceiver(Secret, TimeProvider.System);
        await receiver.StartAsync();
        var ws = await server.NewWorkspaceAsync(ApiKeyScope.Ingest | ApiKeyScope.Admin | ApiKeyScope.ComplianceRead);
        var client = ws.Client();
        var destination = await SiemApi.CreateAsync(client, ws.Id, Webhook(receiver.Url));
        var id = (string)destination["id"]!;

        await SiemApi.IngestPromptsAsync(client, 100);
        Assert.True(await SiemApi.WaitUntilAsync(() => receiver.Received.HasAll(Seqs(1, 100)), Patience), "the first 100 did not arrive");

        await receiver.StopAsync();
        await SiemApi.IngestPromptsAsync(client, 200);
        Assert.True(await SiemApi.WaitUntilAsync(async () =>
        {
            var status = (await SiemApi.GetAsync(client, ws.Id, id))["status"]!;
            return (string?)status["last_error"] is not null && (bool)status["degraded"]! && (long)status["lag_records"]! == 200;
        }, Patience), "the outage never showed in the status");
        using (var anonymous = server.Client(null))
        {
            var ready = await anonymous.GetAsync("/health/ready");
            var health = await ready.ReadJsonAsync();
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
            Assert.Equal("degraded", (string?)health["checks"]!["siem"]!["status"]);
            Assert.Contains(id, (string?)health["checks"]!["siem"]!["description"]);
        }

        await Task.Delay(TimeSpan.FromSeconds(1));
        await receiver.StartAsync();
        Assert.True(await SiemApi.WaitUntilAsync(() => receiver.Received.HasAll(Seqs(1, 300)), Patience), "not everything arrived after the outage");

        Assert.Equal(Seqs(1, 300), receiver.Received.FirstArrivals);
        Assert.Equal(0, receiver.BadSignatures);
        var final = await WaitCaughtUpAsync(client, ws.Id, id, 300);
        Assert.Equal((300L, 0L, false, 0L), ((long)final["delivered_count"]!, (long)final["lag_records"]!, (bool)final["degraded"]!, (long)final["set_aside_count"]!));
        Assert.Null(final["last_error"]);
        Assert.NotNull(final["last_success_at"]);
        Assert.NotNull(final["last_error_at"]);
    }

    [Fact]
    public async Task SplunkHec_BusyThenDownThenBackWithIndexerAck_NothingLostOrderKept()
    {
        await using var hec = new FakeSplunkHec(HecToken, "agents");
        await hec.StartAsync();
        var ws = await server.NewWorkspaceAsync(ApiKeyScope.Ingest | ApiKeyScope.Admin | ApiKeyScope.ComplianceRead);
        var client = ws.Client();
        var id = (string)(await SiemApi.CreateAsync(client, ws.Id, Hec(hec.BaseAddress, indexerAck: true)))["id"]!;

        await SiemApi.IngestPromptsAsync(client, 120);
        Assert.True(await SiemApi.WaitUntilAsync(() => hec.Received.HasAll(Seqs(1, 120)), Patience));

        hec.Busy = true;
        await SiemApi.IngestPromptsAsync(client, 80);
        Assert.True(await SiemApi.WaitUntilAsync(async () =>
            ((string?)(await SiemApi.GetAsync(client, ws.Id, id))["status"]!["last_error"])?.Contains("code 9", StringComparison.Ordinal) == true, Patience));
        await hec.StopAsync();
        await SiemApi.IngestPromptsAsync(client, 100);
        await Task.Delay(TimeSpan.FromSeconds(1));
        hec.Busy = false;
        await hec.StartAsync();

        Assert.True(await SiemApi.WaitUntilAsync(() => hec.Received.HasAll(Seqs(1, 300)), Patience), "not everything arrived");
        Assert.Equal(Seqs(1, 300), hec.Received.FirstArrivals);
        var envelope = hec.Envelopes[0];
        Assert.Equal(("agents", "agentledger:record", "agentledger-test", "agentledger", ws.Id),
            ((string?)envelope["index"], (string?)envelope["sourcetype"], (string?)envelope["host"], (string?)envelope["source"],
                (string?)envelope["fields"]!["workspace"]));
        Assert.Equal(6003, (int)envelope["event"]!["class_uid"]!);
        Assert.Equal(300L, (long)(await WaitCaughtUpAsync(client, ws.Id, id, 300))["delivered_count"]!);
    }

    [Fact]
    public async Task Webhook_PoisonRecord_SetAsideVisibleAndCountedWhileTheRestFlows()
    {
        await using var receiver = new FakeWebhookReceiver(Secret, TimeProvider.System);
        await receiver.StartAsync();
        var ws = await server.NewWorkspaceAsync(ApiKeyScope.Ingest | ApiKeyScope.Admin | ApiKeyScope.ComplianceRead);
        var client = ws.Client();
        var id = (string)(await SiemApi.CreateAsync(client, ws.Id, Webhook(receiver.Url)))["id"]!;

        await SiemApi.IngestPromptsAsync(client, 60, i => EventBuilder.Prompt().Prompt(i == 36 ? $"{FakeWebhookReceiver.PoisonMarker} {i}" : $"prompt {i}"));

        var expected = Seqs(1, 60).Where(s => s != 37).ToList();
        Assert.True(await SiemApi.WaitUntilAsync(() => receiver.Received.HasAll(expected), Patience), "the records after the poison one did not flow");
        var status = await WaitCaughtUpAsync(client, ws.Id, id, 60);
        Assert.Equal((59L, 1L), ((long)status["delivered_count"]!, (long)status["set_aside_count"]!));
        Assert.DoesNotContain(37L, receiver.Received.Arrivals);
        Assert.Equal(expected, receiver.Received.FirstArrivals);
        var setAside = await (await client.GetAsync($"{SiemApi.DestinationsPath(ws.Id)}/{id}/set-aside")).EnsureSuccessStatusCode().ReadJsonAsync();
        var item = Assert.Single(setAside["data"]!.AsArray());
        Assert.Equal(37L, (long)item!["seq"]!);
        Assert.Contains("422", (string?)item["error"]);
    }

    [Fact]
    public async Task SplunkHec_PoisonRecord_SetAsideAtTheInvalidEventNumberWithoutResendingWhatWasIndexed()
    {
        await using var hec = new FakeSplunkHec(HecToken, "agents");
        await hec.StartAsync();
        var ws = await server.NewWorkspaceAsync(ApiKeyScope.Ingest | ApiKeyScope.Admin | ApiKeyScope.ComplianceRead);
        var client = ws.Client();
        var body = Hec(hec.BaseAddress, indexerAck: false);
        body["format"] = "native";
        var id = (string)(await SiemApi.CreateAsync(client, ws.Id, body))["id"]!;

        await SiemApi.IngestPromptsAsync(client, 80, i => EventBuilder.Prompt().Prompt(i == 9 ? $"{FakeWebhookReceiver.PoisonMarker}" : $"prompt {i}"));

        var status = await WaitCaughtUpAsync(client, ws.Id, id, 80);
        Assert.Equal((79L, 1L), ((long)status["delivered_count"]!, (long)status["set_aside_count"]!));
        Assert.Equal(Seqs(1, 80).Where(s => s != 10), hec.Received.Arrivals);
        Assert.Equal(0, hec.Received.Duplicates);
    }

    [Fact]
    public async Task Elasticsearch_BusyThenBack_PoisonDocumentSetAside_RestCreatedOnceInOrder()
    {
        await using var es = new FakeElasticsearch("logs-agentledger-default") { Busy = true };
        await es.StartAsync();
        var ws = await server.NewWorkspaceAsync(ApiKeyScope.Ingest | ApiKeyScope.Admin | ApiKeyScope.ComplianceRead);
        var client = ws.Client();
        var id = (string)(await SiemApi.CreateAsync(client, ws.Id, new JsonObject
        {
            ["name"] = "elastic",
            ["kind"] = "elasticsearch",
            ["content_level"] = "full",
            ["endpoint"] = new JsonObject { ["url"] = es.BaseAddress.ToString(), ["data_stream"] = "logs-agentledger-default", ["max_batch_records"] = 20 },
        }))["id"]!;

        await SiemApi.IngestPromptsAsync(client, 60, i => EventBuilder.Prompt().Prompt(i == 36 ? $"{FakeElasticsearch.PoisonMarker} {i}" : $"prompt {i}"));
        // While the cluster answers 429, nothing is created and the checkpoint stays put.
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(0, es.Received.Count);
        Assert.Equal(0L, (long)(await SiemApi.GetAsync(client, ws.Id, id))["status"]!["checkpoint_seq"]!);
        es.Busy = false;

        var status = await WaitCaughtUpAsync(client, ws.Id, id, 60);
        Assert.Equal(Seqs(1, 60).Where(s => s != 37), es.Received.Arrivals);
        Assert.Equal((59L, 1L), ((long)status["delivered_count"]!, (long)status["set_aside_count"]!));
        var setAside = await (await client.GetAsync($"{SiemApi.DestinationsPath(ws.Id)}/{id}/set-aside")).EnsureSuccessStatusCode().ReadJsonAsync();
        var item = Assert.Single(setAside["data"]!.AsArray());
        Assert.Equal(37L, (long)item!["seq"]!);
        Assert.Contains("mapper_parsing_exception", (string?)item["error"]);
    }

    private static async Task<JsonNode> WaitCaughtUpAsync(HttpClient client, string workspaceId, string id, long lastSeq)
    {
        JsonNode? status = null;
        Assert.True(await SiemApi.WaitUntilAsync(async () =>
        {
            status = (await SiemApi.GetAsync(client, workspaceId, id))["status"];
            return (long)status!["checkpoint_seq"]! == lastSeq;
        }, Patience), $"the checkpoint did not reach {lastSeq}: {status?.ToJsonString()}");
        return status!;
    }

    private static List<long> Seqs(long first, long last) => Enumerable.Range((int)first, (int)(last - first + 1)).Select(i => (long)i).ToList();

    private static JsonObject Webhook(Uri url) => new()
    {
        ["name"] = "webhook",
        ["kind"] = "webhook",
        ["content_level"] = "full",
        ["endpoint"] = new JsonObject { ["url"] = url.ToString(), ["max_batch_records"] = 25 },
        ["secrets"] = new JsonObject { ["webhook_secret"] = Secret },
    };

    private static JsonObject Hec(Uri url, bool indexerAck) => new()
    {
        ["name"] = "splunk",
        ["kind"] = "splunk_hec",
        ["format"] = "ocsf",
        ["content_level"] = "full",
        ["endpoint"] = new JsonObject { ["url"] = url.ToString(), ["index"] = "agents", ["indexer_ack"] = indexerAck, ["max_batch_records"] = 40 },
        ["secrets"] = new JsonObject { ["hec_token"] = HecToken },
    };
}
