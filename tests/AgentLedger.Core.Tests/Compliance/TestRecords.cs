using AgentLedger.Core.Records;

namespace AgentLedger.Core.Tests.Compliance;

internal static class TestRecords
{
    public static readonly DateTimeOffset At = new(2026, 7, 9, 10, 8, 44, TimeSpan.Zero);

    public static ActivityRecord Response(long seq = 1) => new()
    {
        Id = "0197f0c2a1b27c3d8e9f001122334455",
        WorkspaceId = "acme",
        Seq = seq,
        EventId = "evt-1",
        OccurredAt = At,
        ReceivedAt = At.AddSeconds(1),
        Source = RecordSource.Otlp,
        Kind = RecordKind.ModelResponse,
        Actor = new ActorIdentity { Email = "user@example.org" },
        UserId = "user-1",
        ClientIp = "81.2.69.142",
        UserAgent = "CodexCLI/1.0",
        Agent = Agent.Codex,
        ClientId = ClientId.CodexCli,
        SessionId = "session-123",
        TurnId = "turn-1",
        Model = "gpt-5.1-codex-max",
        Usage = new TokenUsage(4200, 900, 1800, 600),
        CostUsd = 0.010000m,
        PromptText = "Refactor timeline.tsx",
        ResponseText = "Refactored timeline.tsx.",
    };
}
