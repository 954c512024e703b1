using System.Text.Json.Nodes;
using AgentLedger.Core.Metrics;

namespace AgentLedger.Server.Tests.Ingestion;

/// <summary>A rollup key with the user spelled as the e-mail the test sent.</summary>
internal sealed record RollupKey(DateTimeOffset Hour, string Email, string ClientId, string Model);

/// <summary>
/// Rollup figures computed straight from posted events, written independently of the server's accumulator:
/// the definitions in docs/metrics.md applied by hand, with the price book's published gpt-5-codex rates.
/// </summary>
internal static class ExpectedRollups
{
    public static Dictionary<RollupKey, UsageMeasures> From(IEnumerable<JsonObject> events)
    {
        var result = new Dictionary<RollupKey, UsageMeasures>();
        var seenSessions = new HashSet<string>();
        foreach (var e in events)
        {
            var type = (string)e["type"]!;
            var at = DateTimeOffset.Parse((string)e["occurred_at"]!, System.Globalization.CultureInfo.InvariantCulture);
            var key = new RollupKey(new DateTimeOffset(at.Year, at.Month, at.Day, at.Hour, 0, 0, TimeSpan.Zero),
                ((string)e["user"]!["email"]!).ToLowerInvariant(), (string)e["client_id"]!, (string?)e["model"] ?? "");
            var m = Get(result, key);
            m.Records++;
            if (e["session_id"] is { } session && seenSessions.Add((string)session!))
            {
                m.Threads++;
            }

            m.Turns += type is "user.prompt" or "cloud_task.created" ? 1 : 0;
            m.Messages += type == "user.prompt" ? 1 : 0;
            m.ToolCalls += type == "tool.result" ? 1 : 0;
            m.Errors += type == "cloud_task.failed" || e["error"] is not null ? 1 : 0;
            m.CloudTasksCreated += type == "cloud_task.created" ? 1 : 0;
            m.CloudTasksFailed += type == "cloud_task.failed" ? 1 : 0;
            m.Replies += type == "code_review.reply" ? 1 : 0;
            if (type == "code_review.reaction")
            {
                var reaction = (string)e["review"]!["reaction"]!;
                m.ReactionsUp += reaction == "upvote" ? 1 : 0;
                m.ReactionsDown += reaction == "downvote" ? 1 : 0;
                m.ReactionsOther += reaction == "other" ? 1 : 0;
            }

            if (type == "code_review.completed")
            {
                m.Reviews++;
                foreach (var comment in e["review"]!["comments"]!.AsArray())
                {
                    // each comment is its own record in the same bucket
                    m.Records++;
                    m.ReviewComments++;
                    switch ((string)comment!["priority"]!)
                    {
                        case "P0": m.CommentsP0++; break;
                        case "P1": m.CommentsP1++; break;
                        case "P2": m.CommentsP2++; break;
                        case "P3": m.CommentsP3++; break;
                    }
                }
            }

            AddUsage(m, e);
        }

        return result;
    }

    private static void AddUsage(UsageMeasures m, JsonObject e)
    {
        if (e["usage"] is not JsonObject usage)
        {
            return;
        }

        long input = (long)usage["input_tokens"]!, cached = (long)usage["cached_input_tokens"]!, output = (long)usage["output_tokens"]!;
        m.InputTokens += input;
        m.CachedInputTokens += cached;
        m.OutputTokens += output;
        m.ReasoningTokens += (long)usage["reasoning_tokens"]!;
        // list prices per million tokens (uncached input, cached input, output) and 25 credits per USD
        var rates = (string?)e["model"] switch
        {
            "gpt-5-codex" => (1.25m, 0.125m, 10m),
            "claude-sonnet-4-5" => (3m, 0.30m, 15m),
            _ => throw new InvalidOperationException("The sample uses only models with known list prices."),
        };
        var cost = decimal.Round(((input - cached) * rates.Item1 + cached * rates.Item2 + output * rates.Item3) / 1_000_000m, 6);
        m.CostUsd += cost;
        m.Credits += e["credits"] is { } credits ? (decimal)credits : decimal.Round(cost * 25m, 6);
    }

    private static UsageMeasures Get(Dictionary<RollupKey, UsageMeasures> result, RollupKey key)
    {
        if (!result.TryGetValue(key, out var m))
        {
            m = new UsageMeasures();
            result[key] = m;
        }

        return m;
    }
}
