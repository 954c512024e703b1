namespace AgentLedger.CrashTest;

/// <summary>One request body as sent, kept byte for byte so that it can be re-sent after the crash.</summary>
public sealed class SentBatch(IReadOnlyList<SyntheticEvent> events, byte[] body)
{
    public IReadOnlyList<SyntheticEvent> Events { get; } = events;

    public byte[] Body { get; } = body;

    public int Count => Events.Count;
}
