using System.Text.Json.Nodes;
using AgentLedger.Core.Dlp;
using AgentLedger.Core.Gateway;

namespace AgentLedger.Core.Tests.Gateway;

public sealed class GatewayRequestDlpTests
{
    private static readonly DlpScanner Scanner = new(TimeSpan.FromMilliseconds(500));

    [Fact]
    public void Apply_BlockRuleInAnOldUserTurn_BlocksAndLeavesSystemPromptAlone()
    {
        var body = JsonNode.Parse("""
            {"system":"key AKIAIOSFODNN7EXAMPLE in the docs","messages":[
              {"role":"user","content":"deploy with AKIAIOSFODNN7EXAMPLE"},
              {"role":"assistant","content":"I cannot"},
              {"role":"user","content":"ok then"}]}
            """)!.AsObject();
        var actions = DlpRuleIds.All.ToDictionary(id => id, id => id == DlpRuleIds.AwsAccessKeyId ? DlpAction.Block : DlpAction.Off);

        var scan = GatewayRequestDlp.Apply(GatewayApi.AnthropicMessages, body, actions, Scanner);

        Assert.Equal(DlpRuleIds.AwsAccessKeyId, scan.Blocking?.RuleId);
        Assert.Single(scan.Findings);
        Assert.Equal(0, scan.Redacted);
    }

    [Fact]
    public void Apply_RedactRule_ReplacesTheValueInUserTextAndToolOutputOnly()
    {
        const string token = "ghp_0123456789abcdefghijABCDEFGHIJ012345";
        var body = JsonNode.Parse($$"""
            {"input":[
              {"type":"message","role":"developer","content":[{"type":"input_text","text":"example {{token}}"}]},
              {"type":"message","role":"user","content":[{"type":"input_text","text":"use {{token}}"}]},
              {"type":"function_call_output","call_id":"c1","output":"found {{token}}"}]}
            """)!.AsObject();
        var actions = DlpRuleIds.All.ToDictionary(id => id, _ => DlpAction.Redact);

        var scan = GatewayRequestDlp.Apply(GatewayApi.OpenAiResponses, body, actions, Scanner);

        Assert.Null(scan.Blocking);
        Assert.Equal(2, scan.Redacted);
        var input = body["input"]!.AsArray();
        Assert.Contains(token, (string?)input[0]!["content"]![0]!["text"], StringComparison.Ordinal);
        Assert.Equal("use [REDACTED:github-token]", (string?)input[1]!["content"]![0]!["text"]);
        Assert.Equal("found [REDACTED:github-token]", (string?)input[2]!["output"]);
        Assert.Equal([DlpField.PromptText, DlpField.ToolOutput], scan.Findings.Select(f => f.Finding.Field));
    }
}
