namespace AgentLedger.Core.Siem;

/// <summary>
/// A destination's durable delivery progress. Every item of its source with seq at most <see cref="CheckpointSeq"/> was
/// accepted by the destination, set aside, or filtered out; nothing after it was acknowledged yet.
/// <see cref="AttemptedSeq"/> is the highest seq ever sent (acknowledged or not): items up to it sent again after a
/// crash, a timeout or an error may reach the receiver twice, and are counted in <see cref="RedeliveredCount"/>.
/// </summary>
public sealed record SiemDeliveryState
{
    public long CheckpointSeq { get; init; }

    public long AttemptedSeq { get; init; }

    /// <summary>Items the destination accepted.</summary>
    public long DeliveredCount { get; init; }

    /// <summary>Items sent again after an attempt whose outcome was unknown: the most duplicates a receiver can have seen.</summary>
    public long RedeliveredCount { get; init; }

    /// <summary>Items the destination rejected permanently, kept in the set-aside list.</summary>
    public long SetAsideCount { get; init; }

    public DateTimeOffset? LastSuccessAt { get; init; }

    public DateTimeOffset? LastErrorAt { get; init; }

    /// <summary>The last delivery error (never a secret, never content); cleared by the next success.</summary>
    public string? LastError { get; init; }

    /// <summary>Failed attempts since the last success, which drives the back-off.</summary>
    public int ConsecutiveFailures { get; init; }
}
