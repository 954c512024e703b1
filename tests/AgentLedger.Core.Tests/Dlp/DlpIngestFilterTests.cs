using System.Text;
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

        var stored = Filter(new DlpOptions()).Apply(record, Hasher);

        Assert.Equal("토큰[REDACTED:github-token]와 메일 kim@example.com 그리고 [REDACTED:aws-access-key-id].", stored.PromptText);
        var findings = Findings(stored);
        Assert.Equal(["github-token:redact", "email:flag", "aws-access-key-id:redact"],
            findings.Select(f => $"{f!["rule"]}:{f["action"]}"));
        Assert.Equal(Hasher.Hash(Token), (string?)findings[0]!["hmac_sha256"]);
    }

    [Fact]
    public void Apply_Redaction_OffsetsIndexTheStoredTextAndOriginalOffsetsTheSentText()
    {
        var sent = $"a {Token} b {AwsKey} c mail kim@example.com";
        var record = TestRecords.Record() with { ToolOutput = sent };

        var stored = Filter(new DlpOptions()).Apply(record, Hasher);

        foreach (var finding in Findings(stored))
        {
            var start = (int)finding!["start"]!;
            var length = (int)finding["length"]!;
            var shown = stored.ToolOutput!.Substring(start, length);
            var original = sent.Substring((int)finding["original_start"]!, (int)finding["original_length"]!);
            Assert.Equal(Hasher.Hash(original), (string?)finding["hmac_sha256"]);
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

        var strict = filter.Apply(TestRecords.Record("strict") with { PromptText = text }, Hasher).PromptText;
        var lax = filter.Apply(TestRecords.Record("lax") with { PromptText = text }, Hasher).PromptText;
        var other = filter.Apply(TestRecords.Record("other") with { PromptText = text }, Hasher).PromptText;

        Assert.Equal("[REDACTED:github-token] [REDACTED:email] [REDACTED:payment-card]", strict);
        Assert.Equal(text, lax);
        Assert.Equal("[REDACTED:github-token] [REDACTED:email] 4111 1111 1111 1111", other);
    }

    [Fact]
    public void Apply_RuleOff_ProducesNoFinding()
    {
        var record = TestRecords.Record() with { PromptText = $"kim@example.com {Token}" };

        var stored = Filter(new DlpOptions { Pii = DlpAction.Off, Rules = { [DlpRuleIds.GitHubToken] = DlpAction.Off } }).Apply(record, Hasher);

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

        var stored = Filter(new DlpOptions()).Apply(record, Hasher);

        Assert.False(stored.Attributes!.ContainsKey("dlp_findings"));
        Assert.Equal(1, (int)stored.Attributes["kept"]!);
    }

    [Fact]
    public void Apply_Disabled_StoresTextAsSent()
    {
        var record = TestRecords.Record() with { PromptText = Token };

        Assert.Same(record, Filter(new DlpOptions { Enabled = false }).Apply(record, hasher: null));
    }

    [Fact]
    public void Apply_Batch_ReplacesOnlyRecordsWithFindingsAndKeepsOrder()
    {
        var clean = TestRecords.Record() with { PromptText = "hello" };
        var secret = TestRecords.Record() with { ResponseText = Token };

        var stored = Filter(new DlpOptions()).Apply([clean, secret, clean], Hasher);

        Assert.Same(clean, stored[0]);
        Assert.Equal("[REDACTED:github-token]", stored[1].ResponseText);
        Assert.Same(clean, stored[2]);
    }

    [Fact]
    public void Apply_SecretsInAttributeStrings_AreRedactedWherePolicySaysAndFoundByPath()
    {
        var record = TestRecords.Record() with
        {
            PromptText = "clean",
            Attributes = new JsonObject
            {
                ["command"] = $"export GH={Token}",
                ["env"] = new JsonObject { ["list"] = new JsonArray("x", $"키{AwsKey}값") },
                ["count"] = 3,
                ["user.email"] = "kim@example.com",
            },
        };

        var stored = Filter(new DlpOptions()).Apply(record, Hasher);

        Assert.Equal("export GH=[REDACTED:github-token]", (string?)stored.Attributes!["command"]);
        Assert.Equal("키[REDACTED:aws-access-key-id]값", (string?)stored.Attributes["env"]!["list"]![1]);
        Assert.Equal(3, (int)stored.Attributes["count"]!);
        // Personal data rules do not run on attributes: identity attributes would flag every record.
        Assert.Equal("kim@example.com", (string?)stored.Attributes["user.email"]);
        var findings = Findings(stored);
        Assert.Equal(["attributes.command:github-token:redact", "attributes.env.list.1:aws-access-key-id:redact"],
            findings.Select(f => $"{f!["field"]}:{f["rule"]}:{f["action"]}"));
        Assert.Equal(Hasher.Hash(AwsKey), (string?)findings[1]!["hmac_sha256"]);
        Assert.Equal(1, (int)findings[1]!["start"]!);
        Assert.Equal("[REDACTED:aws-access-key-id]".Length, (int)findings[1]!["length"]!);
        Assert.Equal(AwsKey.Length, (int)findings[1]!["original_length"]!);
        Assert.Equal($"export GH={Token}", (string?)record.Attributes["command"]);
    }

    [Fact]
    public void Apply_FlaggedSecretInAttribute_KeepsTheValueAndRecordsTheFinding()
    {
        var record = TestRecords.Record() with { Attributes = new JsonObject { ["token"] = Token } };

        var stored = Filter(new DlpOptions { Secrets = DlpAction.Flag }).Apply(record, Hasher);

        Assert.Equal(Token, (string?)stored.Attributes!["token"]);
        Assert.Equal("attributes.token:flag", $"{Findings(stored)[0]!["field"]}:{Findings(stored)[0]!["action"]}");
    }

    [Fact]
    public void Apply_Hash_IsKeyedNotThePlainSha256AndDiffersUnderAnotherKey()
    {
        var record = TestRecords.Record() with { PromptText = Token };
        var other = new DlpHasher(Encoding.UTF8.GetBytes("another key of at least thirty-two characters"));

        var hash = (string?)Findings(Filter(new DlpOptions()).Apply(record, Hasher))[0]!["hmac_sha256"];
        var otherHash = (string?)Findings(Filter(new DlpOptions()).Apply(record, other))[0]!["hmac_sha256"];

        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(
            Encoding.UTF8.GetBytes("a test key of at least thirty-two characters"), Encoding.UTF8.GetBytes(Token))), hash);
        Assert.NotEqual(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(Token))), hash);
        Assert.NotEqual(hash, otherHash);
        Assert.Equal(64, otherHash!.Length);
    }

    [Fact]
    public void StoredFindingsOf_FilteredRecord_CopyEveryFindingWithTheRecordsIdentity()
    {
        var record = TestRecords.Record() with { PromptText = $"{Token} kim@example.com", Seq = 7, UserId = "u1", SessionId = "s1" };

        var rows = StoredDlpFinding.Of(Filter(new DlpOptions()).Apply(record, Hasher));

        Assert.Equal([(0, "github-token", "secret", "redact"), (1, "email", "pii", "flag")], rows.Select(r => (r.Ordinal, r.Rule, r.Category, r.Action)));
        Assert.All(rows, r => Assert.Equal((record.WorkspaceId, 7L, record.Id, "u1", "s1", "prompt_text"), (r.WorkspaceId, r.Seq, r.RecordId, r.UserId, r.SessionId, r.Field)));
        Assert.Equal(Hasher.Hash("kim@example.com"), rows[1].Hash);
        Assert.Empty(StoredDlpFinding.Of(record));
    }

    private static readonly DlpHasher Hasher = new(Encoding.UTF8.GetBytes("a test key of at least thirty-two characters"));

    private static DlpIngestFilter Filter(DlpOptions options) =>
        new(new DlpPolicy(Options.Create(options)), new DlpHasherSource(Hasher), NullLogger<DlpIngestFilter>.Instance);

    private static JsonArray Findings(AgentLedger.Core.Records.ActivityRecord record) =>
        record.Attributes![DlpWireNames.FindingsAttribute]!.AsArray();
}
