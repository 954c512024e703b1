namespace AgentLedger.Server.Tests.Demo;

/// <summary>A clock whose wall time stands still (so every run plans the same window) while timestamps still advance.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
