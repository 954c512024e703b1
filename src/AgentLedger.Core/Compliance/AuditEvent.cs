using System.Text.Json.Nodes;

namespace AgentLedger.Core.Compliance;

/// <summary>
/// One entry of a workspace's audit log: an administrative action (keys, directory, exports) or a read of compliance
/// data, with who did it, from where, with what parameters and how many records it touched. Append-only; storage
/// assigns <see cref="Seq"/>, a per-workspace, gap-free order of commit that the <c>AUDIT_LOG</c> files page on.
/// </summary>
public sealed record AuditEvent
{
    public required string WorkspaceId { get; init; }

    /// <summary>Per-workspace order of commit, from 1; 0 until stored.</summary>
    public long Seq { get; init; }

    /// <summary>Time-sortable unique id (UUIDv7).</summary>
    public required string EventId { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>What was done, one of <see cref="AuditActions"/>.</summary>
    public required string Action { get; init; }

    public required AuditResult Result { get; init; }

    /// <summary>The scope the action was performed under (<c>compliance.read</c>, <c>admin</c>, …), when it needed one.</summary>
    public string? Privilege { get; init; }

    public required AuditActor Actor { get; init; }

    public string? ClientIp { get; init; }

    public string? UserAgent { get; init; }

    /// <summary>The action's parameters (filter, cursor, format, key id, …) and outcome figures (<c>record_count</c>).</summary>
    public JsonObject? ActionData { get; init; }
}
