using System.ComponentModel;
using Microsoft.AspNetCore.Mvc;

namespace AgentLedger.Server.Features.Analytics.Native;

/// <summary>Query parameters shared by the native time-series endpoints; validated by <see cref="SeriesQueryParser"/>.</summary>
public sealed record SeriesQueryParameters
{
    [Description("The workspace; an API key reads only its own (404 otherwise).")]
    [FromRoute(Name = "workspace_id")]
    public required string WorkspaceId { get; init; }

    /// <summary>Window start: RFC 3339 instant, local date (YYYY-MM-DD, midnight in time_zone) or Unix seconds. Default: 30 days before to.</summary>
    [Description("Window start: RFC 3339 instant, local date (YYYY-MM-DD, midnight in time_zone) or Unix seconds. Default: 30 days before to.")]
    [FromQuery(Name = "from")]
    public string? From { get; init; }

    /// <summary>Window end (exclusive), same forms as from. Default: the end of today in time_zone. Buckets the window touches are returned whole.</summary>
    [Description("Window end (exclusive), same forms as from. Default: the end of today in time_zone. Buckets the window touches are returned whole.")]
    [FromQuery(Name = "to")]
    public string? To { get; init; }

    /// <summary><c>hour</c>, <c>day</c> (default) or <c>week</c> (ISO weeks, from Monday).</summary>
    [Description("hour, day (default) or week (ISO weeks, from Monday).")]
    [FromQuery(Name = "bucket")]
    public string? Bucket { get; init; }

    /// <summary>IANA time zone of the buckets (default: Analytics:DefaultTimeZone, UTC unless configured); days are local midnight to local midnight, 23 or 25 hours when clocks change.</summary>
    [Description("IANA time zone of the buckets (default: Analytics:DefaultTimeZone, UTC unless configured); days are local midnight to local midnight, 23 or 25 hours when clocks change.")]
    [FromQuery(Name = "time_zone")]
    public string? TimeZone { get; init; }

    /// <summary>
    /// <c>workspace</c>, <c>user</c>, <c>team</c>, <c>surface</c>, <c>client</c>, <c>model</c> or <c>agent</c>; the default depends on the
    /// endpoint. active_users also takes <c>version</c>: agent and client version together, keyed <c>agent@version</c>.
    /// </summary>
    [Description("workspace, user, team, surface, client, model or agent; the default depends on the endpoint. active_users also takes version: one row per agent and client version, the group key agent@version (codex@0.169.0; codex@ when the agent sent no version).")]
    [FromQuery(Name = "group_by")]
    public string? GroupBy { get; init; }

    /// <summary>Only these user ids (repeat the parameter for several).</summary>
    [Description("Only these user ids (repeat the parameter for several).")]
    [FromQuery(Name = "user")]
    public string[]? User { get; init; }

    /// <summary>Only these teams.</summary>
    [Description("Only these teams.")]
    [FromQuery(Name = "team")]
    public string[]? Team { get; init; }

    /// <summary>Only these surfaces: cli, ide, desktop, cloud, code_review, sdk, other.</summary>
    [Description("Only these surfaces: cli, ide, desktop, cloud, code_review, sdk, other.")]
    [FromQuery(Name = "surface")]
    public string[]? Surface { get; init; }

    /// <summary>Only these client ids (CODEX_CLI, CLAUDE_CODE_CLI, …).</summary>
    [Description("Only these client ids (CODEX_CLI, CLAUDE_CODE_CLI, …).")]
    [FromQuery(Name = "client")]
    public string[]? Client { get; init; }

    /// <summary>Only these models.</summary>
    [Description("Only these models.")]
    [FromQuery(Name = "model")]
    public string[]? Model { get; init; }

    /// <summary>Only these agents: codex, claude_code, gemini_cli, github_copilot, cursor, custom, unknown.</summary>
    [Description("Only these agents: codex, claude_code, gemini_cli, github_copilot, cursor, custom, unknown.")]
    [FromQuery(Name = "agent")]
    public string[]? Agent { get; init; }

    /// <summary>Only these client versions, as the agents send them (0.169.0, 2.1.328); active_users only.</summary>
    [Description("Only these client versions, as the agents send them (0.169.0, 2.1.328); active_users only. Combine with agent to pick one agent's version.")]
    [FromQuery(Name = "version")]
    public string[]? Version { get; init; }

    /// <summary>Rows per page, 1 to 30000 (default 1000).</summary>
    [Description("Rows per page, 1 to 30000 (default 1000).")]
    [FromQuery(Name = "limit")]
    public string? Limit { get; init; }

    /// <summary>Cursor from the previous page's next_page, unchanged; valid only with the same other parameters.</summary>
    [Description("Cursor from the previous page's next_page, unchanged; valid only with the same other parameters.")]
    [FromQuery(Name = "page")]
    public string? Page { get; init; }

    /// <summary><c>json</c> (default) or <c>csv</c>; <c>Accept: text/csv</c> also selects CSV. Both carry the same rows.</summary>
    [Description("json (default) or csv; Accept: text/csv also selects CSV. Both carry the same rows.")]
    [FromQuery(Name = "format")]
    public string? Format { get; init; }
}
