using System.Text.Json.Nodes;
using AgentLedger.Core.Records;

namespace AgentLedger.Server.Tests.Compliance;

/// <summary>Canonical records for formatter tests: one of every kind, fully populated or as bare as the record allows.</summary>
public static class ComplianceRecords
{
    public static readonly DateTimeOffset At = new(2026, 11, 20, 10, 15, 30, 123, TimeSpan.Zero);

    public static TheoryData<RecordKind, bool> EveryKindFullAndBare()
    {
        var data = new TheoryData<RecordKind, bool>();
        foreach (var kind in Enum.GetValues<RecordKind>())
        {
            data.Add(kind, true);
            data.Add(kind, false);
        }

        return data;
    }

    public static ActivityRecord Of(RecordKind kind, bool full, long seq = 7)
    {
        var bare = new ActivityRecord
        {
            Id = RecordIds.NewId(At),
            WorkspaceId = "ws-ocsf",
            Seq = seq,
            EventId = $"evt-{kind}-{seq}",
            OccurredAt = At,
            ReceivedAt = At.AddSeconds(2),
            Source = RecordSource.NativeEvent,
            Kind = kind,
            Actor = new ActorIdentity(),
            Agent = Agent.Unknown,
            ClientId = ClientId.UnknownDefault,
        };
        if (!full)
        {
            return bare;
        }

        return bare with
        {
            Actor = new ActorIdentity { Email = "ana@example.com", AccountId = "acct-1", DisplayName = "Ana" },
            UserId = "user-0001",
            Team = "platform",
            ClientIp = "10.1.2.3",
            UserAgent = "codex_cli_rs/0.50.0 (Linux; x86_64)",
            Agent = Agent.ClaudeCode,
            ClientId = ClientId.ClaudeCodeCli,
            ClientVersion = "2.1.0",
            SessionId = "sess-1",
            TurnId = "turn-3",
            Model = "claude-sonnet-4-5",
            Status = kind == RecordKind.ApiError ? "error" : "ok",
            Error = kind == RecordKind.ApiError ? "rate_limit_exceeded: slow down" : null,
            Usage = new TokenUsage(1200, 300, 350, 40),
            CostUsd = 0.012300m,
            Credits = 0.3075m,
            DurationMs = 2300,
            PromptText = "Fix the null check in Parser.cs — “quotes”, naïve ünïcode, 키AKIA, a=b|c\\d\nnext line",
            ResponseText = "Here is the patch:\n```diff\n- x\n+ y\n```",
            ToolName = "shell",
            ToolInput = """{"command":["ls","-la"]}""",
            ToolOutput = "total 0",
            Review = kind is RecordKind.ReviewComment or RecordKind.ReviewReaction
                ? new ReviewInfo { Repository = "acme/api", PullRequest = 42, CommentId = "c-1", Priority = ReviewPriority.P1, Reaction = ReactionKind.Upvote }
                : null,
            Attributes = new JsonObject { ["terminal.type"] = "xterm" },
        };
    }
}
