using System.Text;
using System.Text.Json.Nodes;
using AgentLedger.Core.Compliance;
using AgentLedger.Core.Keys;
using AgentLedger.Core.Records;
using AgentLedger.Core.Siem;
using AgentLedger.Server.Tests.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLedger.Server.Tests.Siem;

/// <summary>
/// Issue 10, "a test against a real rsyslog": two syslog destinations (native JSON and CEF) deliver over TLS, verified
/// against a CA of the test's own, to a real rsyslogd. Every record must arrive exactly once per destination, each in
/// its own message (octet-counting framing), and the structured data rsyslog's mmpstrucdata parses back must equal
/// what was sent, including values with '"', '\' and ']' that RFC 5424 requires to be escaped.
/// </summary>
public sealed class RsyslogDeliveryTests(SiemServerFixture server) : IClassFixture<SiemServerFixture>
{
    private const int Count = 120;

    [Fact]
    public async Task Syslog_TlsToRealRsyslog_EveryRecordOnceWithStructuredDataParsedBackEqual()
    {
        Rsyslog.Require();
        await using var rsyslog = new Rsyslog();
        await rsyslog.StartAsync(TestContext.Current.CancellationToken);
        var ws = await server.NewWorkspaceAsync(ApiKeyScope.Ingest | ApiKeyScope.Admin | ApiKeyScope.ComplianceRead);
        var client = ws.Client();
        await SiemApi.IngestPromptsAsync(client, Count, i => EventBuilder.Prompt()
            .Prompt($"line one {i}\nline two with \"quotes\", \\backslash\\ and ] bracket — ünïcødé")
            .Model(i % 3 == 0 ? "gpt-5\"codex\\beta]" : "claude-sonnet-4-5")
            .User($"dev{i % 7}@example.com"));

        var json = await SiemApi.CreateAsync(client, ws.Id, Syslog("json", "native", rsyslog));
        var cef = await SiemApi.CreateAsync(client, ws.Id, Syslog("cef", "cef", rsyslog));

        Assert.True(await SiemApi.WaitUntilAsync(() => rsyslog.Lines().Count >= 2 * Count, TimeSpan.FromSeconds(60)),
            $"rsyslog wrote {rsyslog.Lines().Count} of {2 * Count} messages");
        await Task.Delay(500);
        var lines = rsyslog.Lines().Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        Assert.Equal(2 * Count, lines.Count);

        var records = await server.Services.GetRequiredService<IRecordReader>().ReadAfterSeqAsync(ws.Id, 0, Count, CancellationToken.None);
        var product = server.Services.GetRequiredService<ProductInfo>();
        var jsonEvents = new SiemEventWriter(SiemPayloadFormat.Native, SiemContentLevel.Full, product);
        var cefEvents = new SiemEventWriter(SiemPayloadFormat.Cef, SiemContentLevel.Full, product);
        var bySeq = records.ToDictionary(r => r.Seq);
        var seen = new Dictionary<string, List<long>> { ["json"] = [], ["cef"] = [] };
        foreach (var line in lines)
        {
            // rsyslog writes a JSON property through a jsonf template as a JSON string holding the object.
            var parsed = line["parsed_sd"] is JsonValue text ? JsonNode.Parse((string)text!) : line["parsed_sd"];
            Assert.True(parsed?[SyslogMessageFormatter.SdId] is JsonObject, "no parsed structured data: " + line.ToJsonString());
            var sd = parsed![SyslogMessageFormatter.SdId]!.AsObject();
            var seq = long.Parse((string)sd["seq"]!, System.Globalization.CultureInfo.InvariantCulture);
            var item = SiemItem.Of(bySeq[seq]);
            var msg = ((string)line["msg"]!).TrimStart('\uFEFF');
            var isCef = msg.StartsWith("CEF:", StringComparison.Ordinal);
            seen[isCef ? "cef" : "json"].Add(seq);

            Assert.Equal(WireNames.Of(item.Record!.Kind), (string?)line["msgid"]);
            Assert.Equal(("agentledger-test", "agentledger", "110"), ((string?)line["hostname"], (string?)line["app_name"], (string?)line["pri"]));
            var expected = SyslogMessageFormatter.Parameters(item).ToDictionary(p => p.Name, p => p.Value);
            Assert.Equal(expected, sd.ToDictionary(p => p.Key, p => (string)p.Value!));
            Assert.Equal(Encoding.UTF8.GetString((isCef ? cefEvents : jsonEvents).ToUtf8(item)), msg);
        }

        Assert.Equal(records.Select(r => r.Seq).Order(), seen["json"].Order());
        Assert.Equal(records.Select(r => r.Seq).Order(), seen["cef"].Order());
        Assert.Contains(lines, l => ((string)l["sd"]!).Contains("model=\"gpt-5\\\"codex\\\\beta\\]\"", StringComparison.Ordinal));
        foreach (var id in new[] { (string)json["id"]!, (string)cef["id"]! })
        {
            var status = (await SiemApi.GetAsync(client, ws.Id, id))["status"]!;
            Assert.Equal((Count, (long)Count, 0L), ((long)status["checkpoint_seq"]!, (long)status["delivered_count"]!, (long)status["lag_records"]!));
        }
    }

    private static JsonObject Syslog(string name, string format, Rsyslog rsyslog) => new()
    {
        ["name"] = name,
        ["kind"] = "syslog",
        ["format"] = format,
        ["content_level"] = "full",
        ["endpoint"] = new JsonObject
        {
            ["host"] = "127.0.0.1", ["port"] = rsyslog.Port, ["transport"] = "tls", ["ca_certificate_pem"] = rsyslog.CaCertificatePem,
            ["max_batch_records"] = 50,
        },
    };
}
