using System.Net;
using System.Text.Json.Nodes;
using AgentLedger.Core.Dlp;
using AgentLedger.Server.Tests.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLedger.Server.Tests.Compliance;

/// <summary>
/// DLP findings through the Compliance API: the findings search (filters, cursor, shape, audit), the record feed's
/// DLP filter, and findings in session transcripts.
/// </summary>
public sealed class DlpFindingApiTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private const string Token = "ghp_gJTeKdNnFRIBXuDL7DxtpYlSXpfKtHF4vUCs";
    private const string AwsKey = "AKIAIOSFODNN7EXAMPLE";
    private static readonly DateTimeOffset At = new(2026, 11, 10, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Search_FiltersAndCursor_ReturnEachFindingOnceInSeqOrderAndAreAudited()
    {
        var ws = await server.NewWorkspaceAsync();
        using var client = ws.Client();
        (await client.PostEventsAsync(EventBuilder.Batch(
            EventBuilder.Prompt().User("ana@example.com").Session("s-1").At(At).Prompt($"키{Token} 메일 kim@example.com"),
            EventBuilder.Prompt().User("ben@example.com").Session("s-2").At(At.AddHours(1)).Prompt("nothing to see"),
            EventBuilder.Prompt().User("ben@example.com").Session("s-2").At(At.AddHours(2)).Prompt($"aws {AwsKey} and {Token} again"),
            EventBuilder.Prompt().User("ana@example.com").Session("s-3").At(At.AddDays(1)).Prompt("call +82 10-1234-5678 or lee@example.org"))))
            .EnsureSuccessStatusCode();

        var all = await ReadAllAsync(client, "", 100);
        Assert.Equal(
            ["1.0:github-token:secret:redact", "1.1:email:pii:flag", "3.0:aws-access-key-id:secret:redact", "3.1:github-token:secret:redact",
             "4.0:phone-number:pii:flag", "4.1:email:pii:flag"],
            all.Select(f => $"{f["seq"]}.{f["ordinal"]}:{f["rule"]}:{f["category"]}:{f["action"]}"));
        Assert.Equal(all.Select(f => f.ToJsonString()), (await ReadAllAsync(client, "", 2)).Select(f => f.ToJsonString()));

        var first = all[0];
        var hasher = await server.Services.GetRequiredService<DlpHasherSource>().GetAsync(TestContext.Current.CancellationToken);
        Assert.Equal(
            ["seq", "ordinal", "record_id", "occurred_at", "user_id", "session_id", "agent", "rule", "category", "field", "action", "start", "length",
             "original_start", "original_length", "hmac_sha256"],
            first.Select(p => p.Key));
        Assert.Equal(("s-1", "prompt_text", 1, 23, 1, 40, hasher.Hash(Token)),
            ((string)first["session_id"]!, (string)first["field"]!, (int)first["start"]!, (int)first["length"]!, (int)first["original_start"]!,
                (int)first["original_length"]!, (string)first["hmac_sha256"]!));
        var records = await client.ReadAllRecordsAsync(ws.Id);
        Assert.Equal((string)records[0]["id"]!, (string)first["record_id"]!);
        Assert.Equal("2026-11-10T09:00:00+00:00", DateTimeOffset.Parse((string)first["occurred_at"]!).ToString("yyyy-MM-ddTHH:mm:sszzz"));

        var ben = (string)records[1]["user_id"]!;
        Assert.Equal(["1.0", "3.1"], Keys(await ReadAllAsync(client, "rule=github-token", 100)));
        Assert.Equal(["1.1", "4.0", "4.1"], Keys(await ReadAllAsync(client, "category=pii", 100)));
        Assert.Equal(["3.0", "3.1"], Keys(await ReadAllAsync(client, $"user_id={ben}&action=redact", 100)));
        Assert.Equal(["4.0", "4.1"], Keys(await ReadAllAsync(client, "start_time=2026-11-11T00:00:00Z", 100)));
        Assert.Equal(["1.0", "1.1"], Keys(await ReadAllAsync(client, "end_time=2026-11-10T10:00:00Z&rule=github-token,email", 100)));
        Assert.Equal(["1.0", "3.1"], Keys(await ReadAllAsync(client, $"hmac_sha256={hasher.Hash(Token)}", 100)));
        Assert.Equal(["3.0", "3.1", "4.0", "4.1"], Keys(await ReadAllAsync(client, "", 100, after: "1")));

        var end = await (await client.GetAsync("/api/v1/compliance/dlp_findings?after=4.1")).EnsureSuccessStatusCode().ReadJsonAsync();
        Assert.Equal(("4.1", false, 0), ((string)end["next_page"]!, (bool)end["has_more"]!, end["data"]!.AsArray().Count));

        var audit = (await client.ReadAuditEventsAsync()).Where(e => (string)e["action"]! == "READ_DLP_FINDINGS").ToList();
        Assert.Contains(audit, e => e["action_data"]!["filter"]!.ToJsonString() == """{"rules":["github-token"]}"""
                                    && (int)e["action_data"]!["finding_count"]! == 2);
        Assert.DoesNotContain(audit, e => e.ToJsonString().Contains(Token, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("rule=aws-key", "rule: 'aws-key' is not valid")]
    [InlineData("category=secrets", "category: 'secrets' is not valid; one of: secret, pii.")]
    [InlineData("action=block", "action: 'block' is not valid; one of: flag, redact.")]
    [InlineData("limit=0", "limit must be between 1 and 1000.")]
    [InlineData("after=abc", "after must be the next_page of a previous page")]
    [InlineData("after=3.x", "after must be the next_page of a previous page")]
    [InlineData("start_time=yesterday", "start_time must be an RFC 3339 timestamp")]
    [InlineData("start_time=2026-11-11T00:00:00Z&end_time=2026-11-10T00:00:00Z", "end_time must be after start_time.")]
    public async Task Search_BadParameter_Is400NamingIt(string query, string expected)
    {
        var ws = await server.NewWorkspaceAsync();

        var response = await ws.Client().GetAsync("/api/v1/compliance/dlp_findings?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith(expected, (string?)(await response.ReadProblemAsync())["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecordFeed_DlpConditions_SelectRecordsWithAMatchingFinding()
    {
        var ws = await server.NewWorkspaceAsync();
        using var client = ws.Client();
        (await client.PostEventsAsync(EventBuilder.Batch(
            EventBuilder.Prompt().Session("r-1").Prompt($"secret {Token}"),
            EventBuilder.Prompt().Session("r-2").Prompt("mail kim@example.com"),
            EventBuilder.Prompt().Session("r-3").Prompt("clean"))))
            .EnsureSuccessStatusCode();

        async Task<List<string>> SessionsAsync(string query) =>
            (await (await client.GetAsync("/api/v1/compliance/records?" + query)).EnsureSuccessStatusCode().ReadJsonAsync())["data"]!.AsArray()
            .Select(r => (string)r!["session_id"]!).ToList();

        Assert.Equal(["r-1"], await SessionsAsync("dlp_rule=github-token"));
        Assert.Equal(["r-1", "r-2"], await SessionsAsync("dlp_category=secret,pii"));
        Assert.Equal(["r-2"], await SessionsAsync("dlp_action=flag"));
        Assert.Empty(await SessionsAsync("dlp_category=pii&dlp_action=redact"));
        var ndjson = await (await client.GetAsync("/api/v1/compliance/records?format=ndjson&dlp_rule=email")).EnsureSuccessStatusCode().Content.ReadAsStringAsync();
        Assert.Equal(["r-2"], ndjson.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => (string)JsonNode.Parse(l)!["session_id"]!));

        var bad = await client.GetAsync("/api/v1/compliance/records?dlp_category=secrets");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.StartsWith("dlp_category: 'secrets' is not valid", (string?)(await bad.ReadProblemAsync())["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Transcript_EveryItemListsItsFindingsWithOffsetsIntoTheTextShown()
    {
        var ws = await server.NewWorkspaceAsync();
        using var client = ws.Client();
        (await client.PostEventsAsync(EventBuilder.Batch(
            EventBuilder.Prompt().Session("t-1").Prompt($"deploy with {Token} and tell kim@example.com"),
            EventBuilder.Response().Session("t-1").Set("response_text", "done"))))
            .EnsureSuccessStatusCode();

        var transcript = await (await client.GetAsync("/api/v1/compliance/sessions/t-1")).EnsureSuccessStatusCode().ReadJsonAsync();

        var items = transcript["items"]!.AsArray();
        var prompt = (string)items[0]!["prompt_text"]!;
        var findings = items[0]!["dlp_findings"]!.AsArray();
        Assert.Equal(["[REDACTED:github-token]", "kim@example.com"],
            findings.Select(f => prompt.Substring((int)f!["start"]!, (int)f["length"]!)));
        Assert.Equal(["github-token", "email"], findings.Select(f => (string)f!["rule"]!));
        Assert.Equal((long)items[0]!["seq"]!, (long)findings[0]!["seq"]!);
        Assert.Empty(items[1]!["dlp_findings"]!.AsArray());
    }

    private static async Task<List<JsonObject>> ReadAllAsync(HttpClient client, string query, int limit, string? after = null)
    {
        var all = new List<JsonObject>();
        while (true)
        {
            var url = $"/api/v1/compliance/dlp_findings?limit={limit}" + (query.Length > 0 ? "&" + query : "") + (after is null ? "" : "&after=" + after);
            var page = await (await client.GetAsync(url)).EnsureSuccessStatusCode().ReadJsonAsync();
            all.AddRange(page["data"]!.AsArray().Select(n => n!.AsObject()));
            after = (string)page["next_page"]!;
            if (!(bool)page["has_more"]!)
            {
                return all;
            }
        }
    }

    private static List<string> Keys(List<JsonObject> findings) => findings.Select(f => $"{f["seq"]}.{f["ordinal"]}").ToList();
}
