using System.ComponentModel;
using Microsoft.AspNetCore.Mvc;

namespace AgentLedger.Server.Features.Analytics.Codex;

/// <summary>
/// Query parameters of the Codex-compatible endpoints. They are bound as text and validated by
/// <see cref="CodexQueryParser"/>, so that a bad value gets the Codex API's 422 body rather than a framework 400.
/// </summary>
public sealed record CodexQueryParameters
{
    [Description("The workspace; an API key reads only its own (404 otherwise).")]
    [FromRoute(Name = "workspace_id")]
    public required string WorkspaceId { get; init; }

    /// <summary>Window start, Unix seconds (inclusive, UTC). Default: 30 days before end_time.</summary>
    [Description("Window start, Unix seconds (inclusive, UTC). Default: 30 days before end_time.")]
    [FromQuery(Name = "start_time")]
    public string? StartTime { get; init; }

    /// <summary>Window end, Unix seconds (exclusive, UTC). Default: the end of today (UTC). Days the window touches are returned whole.</summary>
    [Description("Window end, Unix seconds (exclusive, UTC). Default: the end of today (UTC). Days the window touches are returned whole.")]
    [FromQuery(Name = "end_time")]
    public string? EndTime { get; init; }

    /// <summary>Rows per page, 1 to 30000 (default 1000).</summary>
    [Description("Rows per page, 1 to 30000 (default 1000).")]
    [FromQuery(Name = "limit")]
    public string? Limit { get; init; }

    /// <summary>Cursor from the previous page's next_page, passed unchanged.</summary>
    [Description("Cursor from the previous page's next_page, passed unchanged.")]
    [FromQuery(Name = "page")]
    public string? Page { get; init; }

    /// <summary><c>workspace</c> for one row per day for the whole workspace; omit for one row per user and day (usage only).</summary>
    [Description("workspace for one row per day for the whole workspace; omit for one row per user and day (usage only).")]
    [FromQuery(Name = "group")]
    public string? Group { get; init; }
}
