using System.Text;
using AgentLedger.Core.Records;

namespace AgentLedger.ComplianceBench;

/// <summary>
/// Deterministic, realistically sized activity: 400 people on every agent, sessions of prompts (0.2–3 KB, code-like),
/// responses (0.5–4 KB, with diffs), tool calls with shell output, token counts and cost, over 90 days.
/// </summary>
public static class SyntheticRecords
{
    private static readonly (Agent Agent, ClientId Client, string Model)[] Surfaces =
    [
        (Agent.Codex, ClientId.CodexCli, "gpt-5-codex"), (Agent.Codex, ClientId.CodexIdeVsCode, "gpt-5.1-codex-max"),
        (Agent.ClaudeCode, ClientId.ClaudeCodeCli, "claude-sonnet-4-5"), (Agent.GeminiCli, ClientId.GeminiCli, "gemini-2.5-pro"),
    ];

    private static readonly string[] Words =
    [
        "refactor", "the", "uploader", "retry", "timeout", "handler", "null", "check", "parser", "add", "tests", "for", "PaymentService",
        "migrate", "schema", "index", "async", "stream", "buffer", "cache", "invalidate", "when", "config", "changes", "logging", "span",
    ];

    public static IEnumerable<ActivityRecord> Generate(string workspaceId, int count, DateTimeOffset start)
    {
        var random = new Random(20261126);
        var text = new StringBuilder(4096);
        for (var i = 0; i < count; i++)
        {
            var surface = Surfaces[random.Next(Surfaces.Length)];
            var user = random.Next(400);
            var at = start.AddSeconds(i * (90.0 * 86400 / count));
            var kind = (i % 4) switch { 0 => RecordKind.UserPrompt, 1 => RecordKind.ToolResult, _ => RecordKind.ModelResponse };
            var record = new ActivityRecord
            {
                Id = RecordIds.NewId(at),
                WorkspaceId = workspaceId,
                EventId = $"bench-{i}",
                OccurredAt = at,
                ReceivedAt = at.AddMilliseconds(800),
                Source = RecordSource.Otlp,
                Kind = kind,
                Actor = new ActorIdentity { Email = $"dev{user}@example.com" },
                Agent = surface.Agent,
                ClientId = surface.Client,
                ClientVersion = "0.50.0",
                ClientIp = $"10.0.{user / 200}.{user % 200}",
                UserAgent = "codex_cli_rs/0.50.0 (Linux 6.1; x86_64)",
                SessionId = $"sess-{user}-{i / 40}",
                TurnId = $"turn-{i / 4}",
                Model = surface.Model,
                Status = "ok",
                DurationMs = random.Next(200, 30_000),
            };
            yield return kind switch
            {
                RecordKind.UserPrompt => record with { PromptText = Sentence(random, text, 200, 3000) },
                RecordKind.ToolResult => record with
                {
                    ToolName = "shell", ToolInput = """{"command":["dotnet","test"]}""", ToolOutput = Sentence(random, text, 100, 1500),
                },
                _ => record with
                {
                    ResponseText = "```diff\n" + Sentence(random, text, 500, 4000) + "\n```",
                    Usage = new TokenUsage(random.Next(2_000, 90_000), random.Next(0, 2_000), random.Next(100, 8_000), random.Next(0, 2_000)),
                    CostUsd = random.Next(0, 200_000) / 1_000_000m,
                },
            };
        }
    }

    private static string Sentence(Random random, StringBuilder text, int min, int max)
    {
        text.Clear();
        var length = random.Next(min, max);
        while (text.Length < length)
        {
            text.Append(Words[random.Next(Words.Length)]).Append(random.Next(12) == 0 ? ".\n" : " ");
        }

        return text.ToString();
    }
}
