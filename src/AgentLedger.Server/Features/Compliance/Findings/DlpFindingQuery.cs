using System.ComponentModel;
using Microsoft.AspNetCore.Mvc;

namespace AgentLedger.Server.Features.Compliance.Findings;

/// <summary>The query string of <c>GET /api/v1/compliance/dlp_findings</c>; list parameters repeat or take commas.</summary>
public sealed record DlpFindingQuery
{
    [FromQuery(Name = "after")]
    [Description("Cursor: next_page of the previous page (seq.ordinal), or a record seq to start after that record's findings; 0 when absent.")]
    public string? After { get; init; }

    [FromQuery(Name = "limit")]
    [Description("Findings per page, 1 to 1000 (default 100).")]
    public int? Limit { get; init; }

    [FromQuery(Name = "start_time")]
    [Description("Earliest record occurred_at (inclusive): RFC 3339 with a zone, or Unix seconds.")]
    public string? StartTime { get; init; }

    [FromQuery(Name = "end_time")]
    [Description("Record occurred_at before this (exclusive): RFC 3339 with a zone, or Unix seconds.")]
    public string? EndTime { get; init; }

    [FromQuery(Name = "rule")]
    [Description("Rule ids (github-token, aws-access-key-id, email, …); repeat or separate with commas.")]
    public string[]? Rule { get; init; }

    [FromQuery(Name = "category")]
    [Description("secret or pii; repeat or separate with commas.")]
    public string[]? Category { get; init; }

    [FromQuery(Name = "action")]
    [Description("flag or redact; repeat or separate with commas.")]
    public string[]? Action { get; init; }

    [FromQuery(Name = "user_id")]
    [Description("Directory user ids; repeat for several.")]
    public string[]? UserId { get; init; }

    [FromQuery(Name = "session_id")]
    [Description("Sessions (threads); repeat for several.")]
    public string[]? SessionId { get; init; }

    [FromQuery(Name = "hmac_sha256")]
    [Description("Keyed hashes of finding values: every finding of the same value; repeat for several.")]
    public string[]? HmacSha256 { get; init; }
}
