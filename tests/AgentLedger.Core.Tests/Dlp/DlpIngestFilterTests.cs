using System.Text.Json.Nodes;
using AgentLedger.Core.Dlp;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AgentLedger.Core.Tests.Dlp;

public sealed class DlpIngestFilterTests
{
    private const string Token = "ghp_gJTeKdNnFRIBXuDL7DxtpYlSXpfKtHF4vUCs";
    private const string AwsKey = "AKIAIOSFODNN7EXAMPLE";

    [Fact]
    public void Apply_DefaultPolicy_RedactsSecretsAndFlagsPii()
    {
        var record = TestRecords.Record() with { PromptText = $"토큰{Token}와 메일 kim@example.com 그리고 {AwsKey}." };

        var stored = Filter(new DlpOptions()).Apply(record);

        Assert.Equal("토큰[REDACTED:github-token]와 메일 kim@example.com 그리고 [REDACTED:aws-access-key-id].", stored.PromptText);
        var findings = Findings(stored);
        Assert.Equal(["github-token:redact", "email:flag", "aws-access-key-id:redact"],
            findings.Select(f => $"{f!["rule"]}:{f["action"]}"));
        Assert.Equal(DlpScanner.Sha256Hex(Token), (string?)findings[0]!["sha256"]);
    }

    [Fact]
    public void Apply_Redaction_OffsetsIndexTheStoredTextAndOriginalOffsetsTheSentText()
    {
        var sent = $"a {Token} b {AwsKey} c mail kim@example.com";
        var record = TestRecords.Record() with { ToolOutput = sent };

        var stored = Filter(new DlpOptions()).Apply(record);

        foreach (var finding in Findings(stored))
        {
            var start = (int)finding!["start"]!;
            var length = (int)finding["length"]!;
            var shown = stored.ToolOutput!.Substring(start, length);
            var original = sent.Substring((int)finding["original_start"]!, (int)finding["original_length"]!);
            Assert.Equal(DlpScanner.Sha256Hex(original), (string?)finding["sha256"]);
            Assert.Equal((string?)finding["action"] == "redact" ? $"[REDACTED:{finding["rule"]}]" : original, shown);
            Assert.Equal("tool_output", (string?)finding["field"]);
        }

        Assert.Equal(3, Findings(stored).Count);
    }

    [Fact]
    public void Apply_WorkspaceOverrides_BeatGlobalSettings()
    {
        var options = new DlpOptions
        {
            Rules = { [DlpRuleIds.Email] = DlpAction.Redact },
            Workspaces =
            {
                ["strict"] = new DlpWorkspaceOptions { Pii = DlpAction.Redact },
                ["lax"] = new DlpWorkspaceOptions { Secrets = DlpAction.Flag, Rules = { [DlpRuleIds.Email] = DlpAction.Off } },
            },
        };
        var filter = Filter(options);
        var text = $"{Token} kim@example.com 4111 1111 1111 1111";

        var strict = filter.Apply(TestRecords.Record("strict") with { PromptText = text }).PromptText;
        var lax = filter.Apply(TestRecords.Record("lax") with { PromptText = text }).PromptText;
        var other = filter.Apply(TestRecords.Record("other") with { PromptText = text }).PromptText;

        Assert.Equal("[REDACTED:github-token] [REDACTED:email] [REDACTED:payment-card]", strict);
        Assert.Equal(text, lax);
        Assert.Equal("[REDACTED:github-token] [REDACTED:email] 4111 1111 1111 1111", other);
    }

    [Fact]
    public void Apply_RuleOff_ProducesNoFinding()
    {
        var record = TestRecords.Record() with { PromptText = $"kim@example.com {Token}" };

        var stored = Filter(new DlpOptions { Pii = DlpAction.Off, Rules = { [DlpRuleIds.GitHubToken] = DlpAction.Off } }).Apply(record);

        Assert.Same(record, stored);
    }

    [Fact]
    public void Apply_ClientSentFindingsAttribute_IsDropped()
    {
        var record = TestRecords.Record() with
        {
            PromptText = "nothing sensitive",
            Attributes = new JsonObject { ["dlp_findings"] = new JsonArray("forged"), ["kept"] = 1 },
        };

        var stored = Filter(new DlpOptions()).Apply(record);

        Assert.False(stored.Attributes!.ContainsKey("dlp_findings"));
        Assert.Equal(1, (int)stored.Attributes["kept"]!);
    }

    [Fact]
    public void Apply_Disabled_StoresTextAsSent()
    {
        var record = TestRecords.Record() with { PromptText = Token };

        Assert.Same(record, Filter(new DlpOptions { Enabled = false }).Apply(record));
    }

    [Fact]
    public void Apply_Batch_ReplacesOnlyRecordsWithFindingsAndKeepsOrder()
    {
        var clean = TestRecords.Record() with { PromptText = "hello" };
        var secret = TestRecords.Record() with { ResponseText = Token };

        var stored = Filter(new DlpOptions()).Apply([clean, secret, clean]);

        Assert.Same(clean, stored[0]);
        Assert.Equal("[REDACTED:github-token]", stored[1].ResponseText);
        Assert.Same(clean, stored[2]);
    }

    private static DlpIngestFilter Filter(DlpOptions options) =>
        new(new DlpPolicy(Options.Create(options)), NullLogger<DlpIngestFilter>.Instance);

    private static JsonArray Findings(AgentLedger.Core.Records.ActivityRecord record) =>
        record.Attributes![DlpWireNames.FindingsAttribute]!.AsArray();
}
