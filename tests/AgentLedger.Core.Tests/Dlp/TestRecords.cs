using AgentLedger.Core.Records;

namespace AgentLedger.Core.Tests.Dlp;

internal static class TestRecords
{
    public static ActivityRecord Record(string workspaceId = "w") => new()
    {
        Id = Guid.NewGuid().ToString("N"), WorkspaceId = workspaceId, EventId = Guid.NewGuid().ToString("N"),
        OccurredAt = DateTimeOffset.UnixEpoch, ReceivedAt = DateTimeOffset.UnixEpoch, Source = RecordSource.NativeEvent,
        Kind = RecordKind.UserPrompt, Actor = new ActorIdentity { Email = "a@b.c" }, Agent = Agent.Codex, ClientId = ClientId.CodexCli,
    };
}
