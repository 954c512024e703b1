using System.Text;
using System.Text.Json.Nodes;
using AgentLedger.Core.Records;
using Microsoft.Extensions.Logging;

namespace AgentLedger.Core.Dlp;

/// <summary>
/// Applies the workspace's DLP policy to records before they are stored: scans the four content fields with every rule
/// and the string values of the attributes with the secret rules, replaces redacted values with
/// <c>[REDACTED:rule-id]</c>, and writes the findings to <c>Attributes["dlp_findings"]</c> (storage copies them into
/// its findings table in the same transaction). Finding offsets index into the text <em>as stored</em> (a redacted
/// finding spans its marker), so a transcript can highlight every finding in what it shows;
/// <c>original_start</c>/<c>original_length</c> locate it in what was sent. A client-sent <c>dlp_findings</c>
/// attribute is dropped: only the server's findings may carry that name.
/// </summary>
public sealed partial class DlpIngestFilter
{
    private readonly DlpPolicy _policy;
    private readonly DlpHasherSource _keys;
    private readonly DlpScanner _scanner;
    private readonly ILogger<DlpIngestFilter> _logger;

    public DlpIngestFilter(DlpPolicy policy, DlpHasherSource keys, ILogger<DlpIngestFilter> logger)
    {
        _policy = policy;
        _keys = keys;
        _logger = logger;
        _scanner = new DlpScanner(policy.MatchTimeout, (rule, field) => LogTimedOut(_logger, rule.Id, DlpWireNames.Of(field)));
    }

    /// <summary>Applies the policy with the server's hash key (loaded on first use).</summary>
    public async ValueTask<IReadOnlyList<ActivityRecord>> ApplyAsync(IReadOnlyList<ActivityRecord> records, CancellationToken cancellationToken)
    {
        if (!_policy.Enabled)
        {
            return Apply(records, hasher: null);
        }

        var hasher = await _keys.GetAsync(cancellationToken).ConfigureAwait(false);
        return Apply(records, hasher);
    }

    /// <param name="hasher">Keys the finding hashes; may be null only when DLP is disabled.</param>
    public IReadOnlyList<ActivityRecord> Apply(IReadOnlyList<ActivityRecord> records, DlpHasher? hasher)
    {
        ActivityRecord[]? changed = null;
        for (var i = 0; i < records.Count; i++)
        {
            var filtered = Apply(records[i], hasher);
            if (!ReferenceEquals(filtered, records[i]))
            {
                changed ??= [.. records];
                changed[i] = filtered;
            }
        }

        return changed ?? records;
    }

    public ActivityRecord Apply(ActivityRecord record, DlpHasher? hasher)
    {
        var forged = record.Attributes?.ContainsKey(DlpWireNames.FindingsAttribute) == true;
        if (!_policy.Enabled)
        {
            return forged ? record with { Attributes = WithFindings(record.Attributes, null) } : record;
        }

        ArgumentNullException.ThrowIfNull(hasher);
        var actions = _policy.For(record.WorkspaceId);
        bool Runs(DlpRule rule) => actions[rule.Id] != DlpAction.Off;
        bool RunsOnAttributes(DlpRule rule) => rule.Category == DlpCategory.Secret && Runs(rule);
        var findings = new JsonArray();
        var redacted = 0;
        var prompt = Filter(record.PromptText, DlpField.PromptText, DlpWireNames.Of(DlpField.PromptText), Runs);
        var response = Filter(record.ResponseText, DlpField.ResponseText, DlpWireNames.Of(DlpField.ResponseText), Runs);
        var toolInput = Filter(record.ToolInput, DlpField.ToolInput, DlpWireNames.Of(DlpField.ToolInput), Runs);
        var toolOutput = Filter(record.ToolOutput, DlpField.ToolOutput, DlpWireNames.Of(DlpField.ToolOutput), Runs);
        var attributes = FilterAttributes(record.Attributes);
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
            Attributes = WithFindings(attributes ?? record.Attributes, findings),
        };

        // A copy of the attributes with secrets in string values replaced, or null when nothing was found in them.
        JsonObject? FilterAttributes(JsonObject? source)
        {
            // Most records carry no attribute value that any secret rule could match: decide that read-only, before
            // paying for a copy of the attributes and a path string per value.
            if (source is null || !MayMatch(source))
            {
                return null;
            }

            var before = findings.Count;
            var copy = source.DeepClone().AsObject();
            copy.Remove(DlpWireNames.FindingsAttribute);
            Walk(copy, DlpWireNames.Of(DlpField.Attribute));
            return findings.Count > before ? copy : null;
        }

        bool MayMatch(JsonNode node)
        {
            switch (node)
            {
                case JsonObject obj:
                    foreach (var (_, child) in obj)
                    {
                        if (child is not null && MayMatch(child))
                        {
                            return true;
                        }
                    }

                    return false;
                case JsonArray array:
                    foreach (var child in array)
                    {
                        if (child is not null && MayMatch(child))
                        {
                            return true;
                        }
                    }

                    return false;
                case JsonValue value:
                    return value.TryGetValue<string>(out var text) && _scanner.MaySecretMatch(text);
                default:
                    return false;
            }
        }

        void Walk(JsonNode node, string path)
        {
            switch (node)
            {
                case JsonObject obj:
                    foreach (var (key, child) in obj.ToList())
                    {
                        Visit(child, path + "." + key, replaced => obj[key] = replaced);
                    }

                    break;
                case JsonArray array:
                    for (var i = 0; i < array.Count; i++)
                    {
                        var index = i;
                        Visit(array[i], path + "." + i.ToString(System.Globalization.CultureInfo.InvariantCulture), replaced => array[index] = replaced);
                    }

                    break;
            }
        }

        void Visit(JsonNode? child, string path, Action<JsonNode> replace)
        {
            if (child is JsonValue value && value.TryGetValue<string>(out var text))
            {
                var stored = Filter(text, DlpField.Attribute, path, RunsOnAttributes);
                if (!ReferenceEquals(stored, text))
                {
                    replace(JsonValue.Create(stored)!);
                }
            }
            else if (child is not null)
            {
                Walk(child, path);
            }
        }

        string? Filter(string? text, DlpField field, string fieldName, Func<DlpRule, bool> runs)
        {
            var found = _scanner.Scan(text, field, runs);
            if (found.Count == 0)
            {
                return text;
            }

            var stored = new StringBuilder(text!.Length);
            var copied = 0;
            var changed = false;
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
                    changed = true;
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
                    ["field"] = fieldName,
                    ["action"] = DlpWireNames.Of(action),
                    ["start"] = storedStart,
                    ["length"] = stored.Length - storedStart,
                    ["original_start"] = finding.Start,
                    ["original_length"] = finding.Length,
                    [DlpWireNames.HashProperty] = hasher.Hash(text.AsSpan(finding.Start, finding.Length)),
                });
            }

            if (!changed)
            {
                return text;
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
