using System.ComponentModel;
using Microsoft.AspNetCore.Mvc;

namespace AgentLedger.Server.Features.Analytics.Native;

/// <summary>Parameters of the DLP findings series; window, buckets, paging and format as in <see cref="SeriesQueryParameters"/>.</summary>
public sealed record DlpFindingSeriesParameters
{
    [Description("The workspace; an API key reads only its own (404 otherwise).")]
    [FromRoute(Name = "workspace_id")]
    public required string WorkspaceId { get; init; }

    [Description("Window start: RFC 3339 instant, local date (YYYY-MM-DD, midnight in time_zone) or Unix seconds. Default: 30 days before to.")]
    [FromQuery(Name = "from")]
    public string? From { get; init; }

    [Description("Window end (exclusive), same forms as from. Default: the end of today in time_zone. Buckets the window touches are returned whole.")]
    [FromQuery(Name = "to")]
    public string? To { get; init; }

    [Description("hour, day (default) or week (ISO weeks, from Monday).")]
    [FromQuery(Name = "bucket")]
    public string? Bucket { get; init; }

    [Description("IANA time zone of the buckets (default: Analytics:DefaultTimeZone, UTC unless configured).")]
    [FromQuery(Name = "time_zone")]
    public string? TimeZone { get; init; }

    [Description("rule (default), category, action or workspace.")]
    [FromQuery(Name = "group_by")]
    public string? GroupBy { get; init; }

    [Description("Only these rule ids (github-token, email, …); repeat or separate with commas.")]
    [FromQuery(Name = "rule")]
    public string[]? Rule { get; init; }

    [Description("Only these categories: secret, pii.")]
    [FromQuery(Name = "category")]
    public string[]? Category { get; init; }

    [Description("Only these actions: flag, redact.")]
    [FromQuery(Name = "action")]
    public string[]? Action { get; init; }

    [Description("Rows per page, 1 to 30000 (default 1000).")]
    [FromQuery(Name = "limit")]
    public string? Limit { get; init; }

    [Description("Cursor from the previous page's next_page, unchanged; valid only with the same other parameters.")]
    [FromQuery(Name = "page")]
    public string? Page { get; init; }

    [Description("json (default) or csv; Accept: text/csv also selects CSV. Both carry the same rows.")]
    [FromQuery(Name = "format")]
    public string? Format { get; init; }
}
