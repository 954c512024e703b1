using System.Text;
using System.Text.Json.Nodes;
using AgentLedger.Core.Dlp;
using static AgentLedger.Core.Gateway.JsonText;

namespace AgentLedger.Core.Gateway;

/// <summary>
/// Runs the workspace's DLP rules over what a request would send on the user's behalf: user messages and tool results,
/// in the whole replayed history (a client that was refused or redacted still holds the original text and sends it
/// again). System prompts, tool definitions and the model's own earlier output are not scanned: they are not user
/// data leaving, and scanning kilobytes of agent instructions on every call would cost latency and false positives.
/// Redacted values are replaced in the body with <c>[REDACTED:rule-id]</c>, as at ingest.
/// </summary>
public static class GatewayRequestDlp
{
    public static GatewayDlpScan Apply(GatewayApi api, JsonObject body, IReadOnlyDictionary<string, DlpAction> actions, DlpScanner scanner)
    {
        List<(DlpFinding, DlpAction)> findings = [];
        var redacted = 0;
        foreach (var (owner, property, field) in Slots(api, body))
        {
            var text = Str(owner[property]);
            var found = scanner.Scan(text, field, rule => actions.TryGetValue(rule.Id, out var a) && a != DlpAction.Off);
            if (found.Count == 0)
            {
                continue;
            }

            var rewritten = new StringBuilder(text!.Length);
            var copied = 0;
            var changed = false;
            foreach (var finding in found)
            {
                var action = actions[finding.RuleId];
                findings.Add((finding, action));
                if (action == DlpAction.Redact)
                {
                    rewritten.Append(text, copied, finding.Start - copied).Append("[REDACTED:").Append(finding.RuleId).Append(']');
                    copied = finding.Start + finding.Length;
                    changed = true;
                    redacted++;
                }
            }

            if (changed)
            {
                rewritten.Append(text, copied, text.Length - copied);
                owner[property] = rewritten.ToString();
            }
        }

        return new GatewayDlpScan(findings, redacted);
    }

    /// <summary>Every string the request sends on the user's behalf, as (object, property, field).</summary>
    private static IEnumerable<(JsonObject Owner, string Property, DlpField Field)> Slots(GatewayApi api, JsonObject body)
    {
        switch (api)
        {
            case GatewayApi.OpenAiResponses:
                if (Str(body["input"]) is not null)
                {
                    yield return (body, "input", DlpField.PromptText);
                }

                foreach (var item in Objects(body["input"]))
                {
                    var type = Str(item["type"]) ?? "message";
                    if (type == "message" && Str(item["role"]) == "user")
                    {
                        foreach (var slot in Content(item, "content", DlpField.PromptText))
                        {
                            yield return slot;
                        }
                    }
                    else if (type.EndsWith("_output", StringComparison.Ordinal))
                    {
                        foreach (var slot in Content(item, "output", DlpField.ToolOutput))
                        {
                            yield return slot;
                        }
                    }
                }

                break;
            case GatewayApi.OpenAiChatCompletions or GatewayApi.AnthropicMessages:
                foreach (var message in Objects(body["messages"]))
                {
                    var role = Str(message["role"]);
                    if (role is "user" or "tool")
                    {
                        foreach (var slot in Content(message, "content", role == "tool" ? DlpField.ToolOutput : DlpField.PromptText))
                        {
                            yield return slot;
                        }
                    }
                }

                break;
            case GatewayApi.GeminiGenerateContent:
                foreach (var content in Objects(body["contents"]).Where(c => Str(c["role"]) is null or "user"))
                {
                    foreach (var part in Objects(content["parts"]))
                    {
                        if (Str(part["text"]) is not null)
                        {
                            yield return (part, "text", DlpField.PromptText);
                        }
                        else if (part["functionResponse"] is JsonObject response)
                        {
                            foreach (var slot in Strings(response, DlpField.ToolOutput))
                            {
                                yield return slot;
                            }
                        }
                    }
                }

                break;
        }
    }

    /// <summary>A content property that is a string, or a list of parts/blocks (text, tool results with nested content).</summary>
    private static IEnumerable<(JsonObject, string, DlpField)> Content(JsonObject owner, string property, DlpField field)
    {
        if (Str(owner[property]) is not null)
        {
            yield return (owner, property, field);
            yield break;
        }

        foreach (var part in Objects(owner[property]))
        {
            var partField = Str(part["type"]) == "tool_result" ? DlpField.ToolOutput : field;
            if (Str(part["text"]) is not null)
            {
                yield return (part, "text", partField);
            }

            if (part.ContainsKey("content"))
            {
                foreach (var slot in Content(part, "content", partField))
                {
                    yield return slot;
                }
            }
        }
    }

    /// <summary>Every string value anywhere under <paramref name="node"/> (a function response is free-form JSON).</summary>
    private static IEnumerable<(JsonObject, string, DlpField)> Strings(JsonObject node, DlpField field)
    {
        foreach (var (key, value) in node.ToList())
        {
            switch (value)
            {
                case JsonValue when Str(value) is not null:
                    yield return (node, key, field);
                    break;
                case JsonObject child:
                    foreach (var slot in Strings(child, field))
                    {
                        yield return slot;
                    }

                    break;
                case JsonArray array:
                    foreach (var child in array.OfType<JsonObject>().SelectMany(c => Strings(c, field)))
                    {
                        yield return child;
                    }

                    break;
            }
        }
    }
}
