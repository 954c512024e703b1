using System.ComponentModel;
using Microsoft.AspNetCore.Mvc;

namespace AgentLedger.Server.Features.Compliance.Logs;

/// <summary>The query of the file list, as OpenAI's Compliance Logs Platform takes it.</summary>
public sealed record LogListQuery
{
    /// <summary><c>CODEX_LOG</c> or <c>AUDIT_LOG</c>; all types when absent.</summary>
    [FromQuery(Name = "event_type")]
    [Description("CODEX_LOG or AUDIT_LOG; every type when absent.")]
    public string? EventType { get; init; }

    /// <summary>RFC 3339 (any fractional precision): only files whose end time is after it.</summary>
    [FromQuery(Name = "after")]
    [Description("RFC 3339 (any fractional precision): only files whose end_time is after it; pass the previous page's last_end_time.")]
    public string? After { get; init; }

    [FromQuery(Name = "limit")]
    [Description("Files per page, 1 to 1000 (default 100).")]
    public int? Limit { get; init; }
}
