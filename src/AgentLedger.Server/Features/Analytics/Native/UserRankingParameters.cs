using Microsoft.AspNetCore.Mvc;

namespace AgentLedger.Server.Features.Analytics.Native;

/// <summary>Parameters of the user ranking.</summary>
public sealed record UserRankingParameters
{
    [FromRoute(Name = "workspace_id")]
    public required string WorkspaceId { get; init; }

    /// <summary>Window start (RFC 3339, local date or Unix seconds). Default: 30 days before to.</summary>
    [FromQuery(Name = "from")]
    public string? From { get; init; }

    /// <summary>Window end (exclusive). Default: the end of today in time_zone.</summary>
    [FromQuery(Name = "to")]
    public string? To { get; init; }

    /// <summary>IANA time zone of the days that streaks count (default UTC).</summary>
    [FromQuery(Name = "time_zone")]
    public string? TimeZone { get; init; }

    /// <summary><c>credits</c> (default), <c>threads</c>, <c>turns</c>, <c>tokens</c> or <c>current_streak</c>.</summary>
    [FromQuery(Name = "sort_by")]
    public string? SortBy { get; init; }

    /// <summary>Only these teams.</summary>
    [FromQuery(Name = "team")]
    public string[]? Team { get; init; }

    /// <summary>Rows per page, 1 to 30000 (default 1000).</summary>
    [FromQuery(Name = "limit")]
    public string? Limit { get; init; }

    /// <summary>Cursor from the previous page's next_page.</summary>
    [FromQuery(Name = "page")]
    public string? Page { get; init; }

    /// <summary><c>json</c> (default) or <c>csv</c>.</summary>
    [FromQuery(Name = "format")]
    public string? Format { get; init; }
}
