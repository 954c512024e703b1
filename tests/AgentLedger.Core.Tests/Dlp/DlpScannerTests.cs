using System.Security.Cryptography;
using System.Text;
using AgentLedger.Core.Dlp;
using AgentLedger.Core.Records;

namespace AgentLedger.Core.Tests.Dlp;

public sealed class DlpScannerTests
{
    [Fact]
    public void Scan_Finding_CarriesUtf16OffsetsOfTheValueOnly()
    {
        const string text = "🔑 키: AKIAIOSFODNN7EXAMPLE";

        var finding = Assert.Single(DlpTestScanner.Instance.Scan(text, DlpField.ToolInput, static _ => true));

        Assert.Equal(new DlpFinding(DlpRuleIds.AwsAccessKeyId, DlpCategory.Secret, DlpField.ToolInput, 6, 20), finding);
        Assert.Equal("AKIAIOSFODNN7EXAMPLE", text.Substring(finding.Start, finding.Length));
    }

    [Fact]
    public void Scan_Record_ScansAllFourContentFieldsInOrder()
    {
        var record = TestRecords.Record() with
        {
            PromptText = "mail me: a@example.com",
            ResponseText = "card 4111 1111 1111 1111",
            ToolInput = "{\"token\": \"ghp_gJTeKdNnFRIBXuDL7DxtpYlSXpfKtHF4vUCs\"}",
            ToolOutput = "rrn 850101-1234566",
        };

        var findings = DlpTestScanner.Instance.Scan(record);

        Assert.Equal(
            [(DlpField.PromptText, DlpRuleIds.Email), (DlpField.ResponseText, DlpRuleIds.PaymentCard),
             (DlpField.ToolInput, DlpRuleIds.GitHubToken), (DlpField.ToolOutput, DlpRuleIds.KoreanResidentNumber)],
            findings.Select(f => (f.Field, f.RuleId)));
    }

    [Fact]
    public void Scan_DisabledRule_DoesNotRunAndLetsTheNextRuleReport()
    {
        const string text = "api_key = \"ghp_gJTeKdNnFRIBXuDL7DxtpYlSXpfKtHF4vUCs\"";

        var findings = DlpTestScanner.Instance.Scan(text, DlpField.PromptText, rule => rule.Id != DlpRuleIds.GitHubToken);

        Assert.Equal([DlpRuleIds.GenericCredential], findings.Select(f => f.RuleId));
    }

    [Fact]
    public void Scan_SeveralFindings_AreSortedAndNeverOverlap()
    {
        const string text = "a@example.com then AKIAIOSFODNN7EXAMPLE then 4111111111111111 then b@example.org";

        var findings = DlpTestScanner.Instance.Scan(text, DlpField.PromptText, static _ => true);

        Assert.Equal([DlpRuleIds.Email, DlpRuleIds.AwsAccessKeyId, DlpRuleIds.PaymentCard, DlpRuleIds.Email], findings.Select(f => f.RuleId));
        for (var i = 1; i < findings.Count; i++)
        {
            Assert.True(findings[i - 1].Start + findings[i - 1].Length <= findings[i].Start);
        }
    }

    [Fact]
    public void Scan_RuleExceedsItsTimeout_FailsClosedWithOneFindingOverTheWholeField()
    {
        List<(string Rule, DlpField Field)> timeouts = [];
        var scanner = new DlpScanner(TimeSpan.FromTicks(1), (rule, field) => timeouts.Add((rule.Id, field)));
        var text = string.Concat(Enumerable.Repeat("private_key akia ghp_ token = x ", 200_000));

        var findings = scanner.Scan(text, DlpField.ToolOutput, static _ => true);

        var finding = Assert.Single(findings);
        Assert.Equal((0, text.Length), (finding.Start, finding.Length));
        Assert.Equal(finding.RuleId, Assert.Single(timeouts).Rule);
        Assert.Equal(DlpField.ToolOutput, timeouts[0].Field);
    }

    [Fact]
    public void Scan_AdversarialInput_StaysLinear()
    {
        // Inputs that make backtracking engines explode: long runs that almost match.
        var text = "password=" + new string('a', 200_000) + " " + string.Concat(Enumerable.Repeat("1-", 100_000)) + new string('@', 100_000);

        var started = System.Diagnostics.Stopwatch.StartNew();
        DlpTestScanner.Instance.Scan(text, DlpField.PromptText, static _ => true);

        // Generous for a shared 2-core machine; a backtracking blow-up on these inputs would take hours, not seconds.
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(20), $"took {started.Elapsed}");
    }
}
