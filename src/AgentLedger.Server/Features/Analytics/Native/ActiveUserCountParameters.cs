using System.ComponentModel;
using Microsoft.AspNetCore.Mvc;

namespace AgentLedger.Server.Features.Analytics.Native;

/// <summary>Parameters of the active-user counts (the dashboard's "active users today / 7 days / 30 days").</summary>
public sealed record ActiveUserCountParameters
{
    [Description("The workspace; an API key reads only its own (404 otherwise).")]
    [FromRoute(Name = "workspace_id")]
    public required string WorkspaceId { get; init; }

    /// <summary>Period lengths in days, 1 to 366 (repeat or comma-separate; default 1, 7 and 30). Each period ends with today in time_zone.</summary>
    [Description("Period lengths in days, 1 to 366 (repeat or comma-separate; default 1,7,30). Each period is that many local days ending with today (1: today) in time_zone.")]
    [FromQuery(Name = "days")]
    public string[]? Days { get; init; }

    /// <summary>IANA time zone of the days (default: Analytics:DefaultTimeZone, UTC unless configured).</summary>
    [Description("IANA time zone of the days (default: Analytics:DefaultTimeZone, UTC unless configured).")]
    [FromQuery(Name = "time_zone")]
    public string? TimeZone { get; init; }

    [Description("Only these teams.")]
    [FromQuery(Name = "team")]
    public string[]? Team { get; init; }

    [Description("Only these surfaces: cli, ide, desktop, cloud, code_review, sdk, other.")]
    [FromQuery(Name = "surface")]
    public string[]? Surface { get; init; }

    [Description("Only these client ids (CODEX_CLI, CLAUDE_CODE_CLI, …).")]
    [FromQuery(Name = "client")]
    public string[]? Client { get; init; }

    [Description("Only these models.")]
    [FromQuery(Name = "model")]
    public string[]? Model { get; init; }

    [Description("Only these agents: codex, claude_code, gemini_cli, github_copilot, cursor, custom, unknown.")]
    [FromQuery(Name = "agent")]
    public string[]? Agent { get; init; }

    /// <summary><c>json</c> (default) or <c>csv</c>; <c>Accept: text/csv</c> also selects CSV.</summary>
    [Description("json (default) or csv; Accept: text/csv also selects CSV. Both carry the same rows.")]
    [FromQuery(Name = "format")]
    public string? Format { get; init; }
}
