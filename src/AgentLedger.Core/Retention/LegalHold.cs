using AgentLedger.Core.Compliance;

namespace AgentLedger.Core.Retention;

/// <summary>
/// A legal hold: every record matching <see cref="Filter"/> (users, time range, search, …) is kept, content and
/// metadata, whatever retention says, until the hold is released. Released holds stay listed.
/// </summary>
public sealed record LegalHold
{
    public required string WorkspaceId { get; init; }

    public required string Id { get; init; }

    public required string Name { get; init; }

    public string? Reason { get; init; }

    public required RecordFilter Filter { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Who created it (an API key id or a local operator).</summary>
    public required string CreatedBy { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    public DateTimeOffset? ReleasedAt { get; init; }

    public string? ReleasedBy { get; init; }

    public bool IsActive => ReleasedAt is null;
}
