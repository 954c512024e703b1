namespace AgentLedger.Server.Tests.Faults;

/// <summary>
/// A wall clock that can be set back and forth while the server runs, as NTP corrections, a VM resumed from a snapshot or
/// an operator's <c>date -s</c> do it. Like the kernel, it moves only the wall clock: the monotonic timestamp, and
/// with it timers and elapsed-time measurement, runs on undisturbed. (FakeTimeProvider cannot go back in time.)
/// </summary>
internal sealed class JumpingClock : TimeProvider
{
    private long _offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public void Jump(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;
}
