using System.Text.Json.Nodes;
using AgentLedger.Core.Dlp;
using AgentLedger.Core.Gateway;

namespace AgentLedger.Server.Features.Gateway;

/// <summary>
/// The workspace's DLP policy, applied before a request leaves: a finding whose rule is <c>Block</c> refuses the
/// request (400 in the provider's shape, naming the rule and where it matched); <c>Redact</c> replaces the value in
/// what is sent; every finding is noted on the exchange's records (<c>gateway.dlp</c>). The stored prompt is then
/// filtered again by ingest DLP, which redacts blocked and redacted values before storage.
/// </summary>
public sealed class DlpGatewayGate : IGatewayRequestGate
{
    private readonly DlpPolicy _policy;
    private readonly DlpScanner _scanner;

    public DlpGatewayGate(DlpPolicy policy)
    {
        _policy = policy;
        _scanner = new DlpScanner(policy.MatchTimeout);
    }

    public ValueTask<GatewayRefusal?> CheckAsync(GatewayGateContext context, CancellationToken cancellationToken)
    {
        if (!_policy.Enabled)
        {
            return ValueTask.FromResult<GatewayRefusal?>(null);
        }

        var scan = GatewayRequestDlp.Apply(context.Api, context.Body, _policy.For(context.WorkspaceId), _scanner);
        if (scan.Findings.Count == 0)
        {
            return ValueTask.FromResult<GatewayRefusal?>(null);
        }

        var findings = new JsonArray();
        foreach (var (finding, action) in scan.Findings)
        {
            findings.Add(new JsonObject
            {
                ["rule"] = finding.RuleId,
                ["category"] = DlpWireNames.Of(finding.Category),
                ["field"] = DlpWireNames.Of(finding.Field),
                ["action"] = DlpWireNames.Of(action),
            });
        }

        context.Notes["dlp"] = new JsonObject { ["findings"] = findings, ["redacted"] = scan.Redacted };
        context.BodyChanged |= scan.Redacted > 0;
        if (scan.Blocking is not { } blocking)
        {
            return ValueTask.FromResult<GatewayRefusal?>(null);
        }

        var where = blocking.Field == DlpField.ToolOutput ? "a tool result" : "the prompt";
        var message =
            $"AgentLedger blocked this request before it reached the model: DLP policy rule '{blocking.RuleId}' " +
            $"({DlpWireNames.Of(blocking.Category)}) found a match in {where}, and workspace '{context.WorkspaceId}' sets that rule to Block. " +
            "Remove the secret from the conversation and try again.";
        return ValueTask.FromResult<GatewayRefusal?>(new GatewayRefusal(StatusCodes.Status400BadRequest, "policy_blocked", message, "dlp:" + blocking.RuleId));
    }
}
