using System.Text;
using System.Text.Json.Nodes;
using AgentLedger.Core.Records;
using Microsoft.Extensions.Logging;

namespace AgentLedger.Core.Dlp;

/// <summary>
/// Applies the workspace's DLP policy to records before they are stored: scans the four content fields, replaces
/// redacted values with <c>[REDACTED:rule-id]</c>, and writes the findings to <c>Attributes["dlp_findings"]</c>.
/// Finding offsets index into the text <em>as stored</em> (a redacted finding spans its marker), so a transcript can
/// highlight every finding in what it shows; <c>original_start</c>/<c>original_length</c> locate it in what was sent.
/// A client-sent <c>dlp_findings</c> attribute is dropped: only the server's findings may carry that name.
/// </summary>
public sealed partial class DlpIngestFilter
{
    private readonly DlpPolicy _policy;
    private readonly DlpScanner _scanner;
    private readonly ILogger<DlpIngestFilter> _logger;

    public DlpIngestFilter(DlpPolicy policy, ILogger<DlpIngestFilter> logger)
    {
        _policy = policy;
        _logger = logger;
        _scanner = new DlpScanner(policy.MatchTimeout, (rule, field) => LogTimedOut(_logger, rule.Id, DlpWireNames.Of(field)));
    }

    public IReadOnlyList<ActivityRecord> Apply(IReadOnlyList<ActivityRecord> records)
    {
        ActivityRecord[]? changed = null;
        for (var i = 0; i < records.Count; i++)
        {
            var filtered = Apply(records[i]);
            if (!ReferenceEquals(filtered, records[i]))
            {
                changed ??= [.. records];
                changed[i] = filtered;
            }
        }

        return changed ?? records;
    }

    public ActivityRecord Apply(ActivityRecord record)
    {
        var forged = record.Attributes?.ContainsKey(DlpWireNames.FindingsAttribute) == true;
        if (!_policy.Enabled)
        {
            return forged ? record with { Attributes = WithFindings(record.Attributes, null) } : record;
        }

        var actions = _policy.For(record.WorkspaceId);
        bool Runs(DlpRule rule) => actions[rule.Id] != DlpAction.Off;
        var findings = new JsonArray();
        var redacted = 0;
        var prompt = Filter(record.PromptText, DlpField.PromptText);
        var response = Filter(record.ResponseText, DlpField.ResponseText);
        var toolInput = Filter(record.ToolInput, DlpField.ToolInput);
        var toolOutput = Filter(record.ToolOutput, DlpField.ToolOutput);
        if (findings.Count == 0)
        {
            return forged ? record with { Attributes = WithFindings(record.Attributes, null) } : record;
        }

        LogFindings(_logger, findings.Count, redacted, record.Id, record.WorkspaceId);
        return record with
        {
            PromptText = prompt,
            ResponseText = response,
            ToolInput = toolInput,
            ToolOutput = toolOutput,
            Attributes = WithFindings(record.Attributes, findings),
        };

        string? Filter(string? text, DlpField field)
        {
            var found = _scanner.Scan(text, field, Runs);
            if (found.Count == 0)
            {
                return text;
            }

            var stored = new StringBuilder(text!.Length);
            var copied = 0;
            foreach (var finding in found)
            {
                var action = actions[finding.RuleId];
                stored.Append(text, copied, finding.Start - copied);
                var storedStart = stored.Length;
                // Block is enforced at the gateway; what reaches storage is redacted like Redact.
                if (action is DlpAction.Redact or DlpAction.Block)
                {
                    stored.Append("[REDACTED:").Append(finding.RuleId).Append(']');
                    redacted++;
                }
                else
                {
                    stored.Append(text, finding.Start, finding.Length);
                }

                copied = finding.Start + finding.Length;
                findings.Add(new JsonObject
                {
                    ["rule"] = finding.RuleId,
                    ["category"] = DlpWireNames.Of(finding.Category),
                    ["field"] = DlpWireNames.Of(field),
                    ["action"] = DlpWireNames.Of(action),
                    ["start"] = storedStart,
                    ["length"] = stored.Length - storedStart,
                    ["original_start"] = finding.Start,
                    ["original_length"] = finding.Length,
                    ["sha256"] = finding.Sha256,
                });
            }

            stored.Append(text, copied, text.Length - copied);
            return stored.ToString();
        }
    }

    private static JsonObject? WithFindings(JsonObject? attributes, JsonArray? findings)
    {
        var copy = attributes?.DeepClone().AsObject() ?? new JsonObject();
        copy.Remove(DlpWireNames.FindingsAttribute);
        if (findings is not null)
        {
            copy[DlpWireNames.FindingsAttribute] = findings;
        }

        return copy.Count == 0 && attributes is null ? null : copy;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "DLP: {Findings} findings ({Redacted} redacted) in record {RecordId} of workspace {WorkspaceId}")]
    private static partial void LogFindings(ILogger logger, int findings, int redacted, string recordId, string workspaceId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "DLP rule {RuleId} exceeded its match timeout on {Field}; the whole field is treated as one finding of the rule")]
    private static partial void LogTimedOut(ILogger logger, string ruleId, string field);
}
