using System.ComponentModel;
using Microsoft.AspNetCore.Mvc;

namespace AgentLedger.Server.Features.Analytics.Native;

/// <summary>Parameters of the user ranking.</summary>
public sealed record UserRankingParameters
{
    [Description("The workspace; an API key reads only its own (404 otherwise).")]
    [FromRoute(Name = "workspace_id")]
    public required string WorkspaceId { get; init; }

    /// <summary>Window start (RFC 3339, local date or Unix seconds). Default: 30 days before to.</summary>
    [Description("Window start (RFC 3339, local date or Unix seconds). Default: 30 days before to.")]
    [FromQuery(Name = "from")]
    public string? From { get; init; }

    /// <summary>Window end (exclusive). Default: the end of today in time_zone.</summary>
    [Description("Window end (exclusive). Default: the end of today in time_zone.")]
    [FromQuery(Name = "to")]
    public string? To { get; init; }

    /// <summary>IANA time zone of the days that streaks count (default UTC).</summary>
    [Description("IANA time zone of the days that streaks count (default UTC).")]
    [FromQuery(Name = "time_zone")]
    public string? TimeZone { get; init; }

    /// <summary><c>credits</c> (default), <c>threads</c>, <c>turns</c>, <c>tokens</c> or <c>current_streak</c>.</summary>
    [Description("credits (default), threads, turns, tokens or current_streak.")]
    [FromQuery(Name = "sort_by")]
    public string? SortBy { get; init; }

    /// <summary>Only these teams.</summary>
    [Description("Only these teams.")]
    [FromQuery(Name = "team")]
    public string[]? Team { get; init; }

    /// <summary>Only activity on these surfaces (cli, ide, desktop, cloud, code_review, sdk, other).</summary>
    [Description("Only activity on these surfaces (cli, ide, desktop, cloud, code_review, sdk, other); totals, active days and streaks count only it.")]
    [FromQuery(Name = "surface")]
    public string[]? Surface { get; init; }

    /// <summary>Only activity of these client ids (CODEX_CLI, …).</summary>
    [Description("Only activity of these client ids (CODEX_CLI, CODEX_IDE_VSCODE, …).")]
    [FromQuery(Name = "client")]
    public string[]? Client { get; init; }

    /// <summary>Only activity with these models.</summary>
    [Description("Only activity with these models.")]
    [FromQuery(Name = "model")]
    public string[]? Model { get; init; }

    /// <summary>Only activity of these agents (codex, claude_code, gemini_cli, …).</summary>
    [Description("Only activity of these agents (codex, claude_code, gemini_cli, …).")]
    [FromQuery(Name = "agent")]
    public string[]? Agent { get; init; }

    /// <summary>Rows per page, 1 to 30000 (default 1000).</summary>
    [Description("Rows per page, 1 to 30000 (default 1000).")]
    [FromQuery(Name = "limit")]
    public string? Limit { get; init; }

    /// <summary>Cursor from the previous page's next_page.</summary>
    [Description("Cursor from the previous page's next_page.")]
    [FromQuery(Name = "page")]
    public string? Page { get; init; }

    /// <summary><c>json</c> (default) or <c>csv</c>.</summary>
    [Description("json (default) or csv.")]
    [FromQuery(Name = "format")]
    public string? Format { get; init; }
}
