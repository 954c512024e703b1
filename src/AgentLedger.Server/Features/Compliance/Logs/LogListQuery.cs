using Microsoft.AspNetCore.Mvc;

namespace AgentLedger.Server.Features.Compliance.Logs;

/// <summary>The query of the file list, as OpenAI's Compliance Logs Platform takes it.</summary>
public sealed record LogListQuery
{
    /// <summary><c>CODEX_LOG</c> or <c>AUDIT_LOG</c>; all types when absent.</summary>
    [FromQuery(Name = "event_type")]
    public string? EventType { get; init; }

    /// <summary>RFC 3339 (any fractional precision): only files whose end time is after it.</summary>
    [FromQuery(Name = "after")]
    public string? After { get; init; }

    [FromQuery(Name = "limit")]
    public int? Limit { get; init; }
}
