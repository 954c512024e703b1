using System.Text.Json.Nodes;
using AgentLedger.Core.Compliance;
using AgentLedger.Core.Retention;

namespace AgentLedger.Server.Features.Compliance.Retention;

/// <summary>A legal hold as the API shows it.</summary>
public sealed record LegalHoldView
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public string? Reason { get; init; }

    public required JsonObject Filter { get; init; }

    /// <summary><c>active</c> (retention skips every matching record) or <c>released</c>.</summary>
    public required string Status { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required string CreatedBy { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    public DateTimeOffset? ReleasedAt { get; init; }

    public string? ReleasedBy { get; init; }

    public static LegalHoldView From(LegalHold hold) => new()
    {
        Id = hold.Id,
        Name = hold.Name,
        Reason = hold.Reason,
        Filter = RecordFilterJson.ToJson(hold.Filter),
        Status = hold.IsActive ? "active" : "released",
        CreatedAt = hold.CreatedAt,
        CreatedBy = hold.CreatedBy,
        UpdatedAt = hold.UpdatedAt,
        ReleasedAt = hold.ReleasedAt,
        ReleasedBy = hold.ReleasedBy,
    };
}
