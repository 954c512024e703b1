using AgentLedger.Core.Metrics;
using AgentLedger.Core.Records;

namespace AgentLedger.Bench.Analytics;

/// <summary>
/// Deterministic synthetic activity shaped like a real workspace: each user is active on a share of the days, works in
/// sessions of a few turns (prompt, model response, sometimes a tool call) on one or two preferred clients and models,
/// during working hours. The number of turns per active day is scaled so the total lands near the requested count.
/// </summary>
internal sealed class ActivityGenerator(BenchOptions options, DateTimeOffset firstDay, CreditCalculator credits)
{
    public const string WorkspaceId = "bench";

    private static readonly (ClientId Client, string Model)[] Setups =
    [
        (ClientId.CodexCli, "gpt-5-codex"), (ClientId.CodexIdeVsCode, "gpt-5-codex"), (ClientId.CodexDesktopApp, "gpt-5"),
        (ClientId.ClaudeCodeCli, "claude-sonnet-4-5"), (ClientId.ClaudeCodeIdeVsCode, "claude-sonnet-4-5"), (ClientId.GeminiCli, "gemini-2.5-pro"),
        (ClientId.CodexWeb, "gpt-5-codex"),
    ];

    /// <summary>Records of one day, in time order, for every user active that day.</summary>
    public List<ActivityRecord> Day(int day)
    {
        var random = new Random(day * 7919 + 17);
        var start = firstDay.AddDays(day);
        // records per turn is about 2.5 (prompt, response, a tool call in half the turns); users are active on ~60% of days
        var turnsPerActiveDay = options.Records / (options.Users * (double)options.Days * 0.6 * 2.5);
        var records = new List<ActivityRecord>();
        for (var user = 0; user < options.Users; user++)
        {
            var userRandom = new Random(user * 104729 + 3);
            var activity = 0.3 + userRandom.NextDouble() * 0.6;
            var setups = new[] { Setups[userRandom.Next(Setups.Length)], Setups[userRandom.Next(Setups.Length)] };
            if (random.NextDouble() > activity)
            {
                continue;
            }

            var turns = Math.Max(1, (int)Math.Round(turnsPerActiveDay * (0.5 + random.NextDouble())));
            var at = start.AddHours(7 + random.Next(10)).AddMinutes(random.Next(60));
            var session = 0;
            for (var turn = 0; turn < turns; turn++)
            {
                if (turn % 4 == 0)
                {
                    session++;
                }

                var (client, model) = setups[session % 2];
                var sessionId = $"s-{day}-{user}-{session}";
                records.Add(Record(user, at, client, null, sessionId, RecordKind.UserPrompt, TokenUsage.None));
                var input = 2_000 + random.Next(30_000);
                var output = 200 + random.Next(3_000);
                records.Add(Record(user, at.AddSeconds(20), client, model, sessionId, RecordKind.ModelResponse,
                    new TokenUsage(input, random.Next(input), output, random.Next(output / 2))));
                if (random.Next(2) == 0)
                {
                    records.Add(Record(user, at.AddSeconds(40), client, null, sessionId, RecordKind.ToolResult, TokenUsage.None));
                }

                at = at.AddMinutes(3 + random.Next(20));
            }
        }

        records.Sort((a, b) => a.OccurredAt.CompareTo(b.OccurredAt));
        return records;
    }

    private ActivityRecord Record(int user, DateTimeOffset at, ClientId client, string? model, string session, RecordKind kind, TokenUsage usage) =>
        credits.Apply(new ActivityRecord
        {
            Id = RecordIds.NewId(at),
            WorkspaceId = WorkspaceId,
            EventId = Guid.CreateVersion7(at).ToString("N"),
            OccurredAt = at,
            ReceivedAt = at.AddSeconds(1),
            Source = RecordSource.NativeEvent,
            Kind = kind,
            Actor = new ActorIdentity { Email = $"user{user:D5}@corp.example" },
            Agent = ClientCatalog.AgentOf(client),
            ClientId = client,
            SessionId = session,
            Model = model,
            Usage = usage,
        });
}
