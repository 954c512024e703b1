using System.ComponentModel;
using Microsoft.AspNetCore.Mvc;

namespace AgentLedger.Server.Features.Compliance.Records;

/// <summary>
/// The query string of <c>GET /api/v1/compliance/records</c>. List parameters repeat (<c>?agent=codex&amp;agent=gemini_cli</c>);
/// the enum-valued ones (agent, surface, client_id, kind) also take comma-separated values.
/// </summary>
public sealed record RecordFeedQuery
{
    /// <summary>The seq cursor: the <c>next_page</c> of the previous page (or the <c>X-Next-Page</c> of a streamed read).</summary>
    [FromQuery(Name = "after")]
    [Description("The seq cursor: next_page of the previous page, or the X-Next-Page header of a streamed read; 0 when absent.")]
    public string? After { get; init; }

    [FromQuery(Name = "limit")]
    [Description("Records per page, 1 to 1000 (default 100); format=json only.")]
    public int? Limit { get; init; }

    /// <summary><c>json</c> (default, paged), or streamed <c>ndjson</c>, <c>csv</c>, <c>ocsf</c>, <c>cef</c>.</summary>
    [FromQuery(Name = "format")]
    [Description("json (default, paged), or streamed ndjson, csv, ocsf (OCSF 1.9.0 API Activity 6003) or cef.")]
    public string? Format { get; init; }

    [FromQuery(Name = "start_time")]
    [Description("Earliest occurred_at (inclusive): RFC 3339 with a zone, or Unix seconds.")]
    public string? StartTime { get; init; }

    [FromQuery(Name = "end_time")]
    [Description("occurred_at before this (exclusive): RFC 3339 with a zone, or Unix seconds.")]
    public string? EndTime { get; init; }

    [FromQuery(Name = "user_id")]
    [Description("Directory user ids; repeat for several.")]
    public string[]? UserId { get; init; }

    [FromQuery(Name = "user_email")]
    [Description("Users by their directory e-mail; repeat for several.")]
    public string[]? UserEmail { get; init; }

    [FromQuery(Name = "team")]
    [Description("Teams from the directory; repeat for several.")]
    public string[]? Team { get; init; }

    [FromQuery(Name = "agent")]
    [Description("Agents (codex, claude_code, gemini_cli, …); repeat or separate with commas.")]
    public string[]? Agent { get; init; }

    [FromQuery(Name = "surface")]
    [Description("Surfaces (cli, ide, desktop, cloud, code_review, sdk, other); repeat or separate with commas.")]
    public string[]? Surface { get; init; }

    [FromQuery(Name = "client_id")]
    [Description("Client ids (CODEX_CLI, CLAUDE_CODE_CLI, …); repeat or separate with commas.")]
    public string[]? ClientId { get; init; }

    [FromQuery(Name = "model")]
    [Description("Models; repeat for several.")]
    public string[]? Model { get; init; }

    [FromQuery(Name = "kind")]
    [Description("Record kinds (user.prompt, model.response, tool.result, …); repeat or separate with commas.")]
    public string[]? Kind { get; init; }

    [FromQuery(Name = "session_id")]
    [Description("Sessions (threads); repeat for several.")]
    public string[]? SessionId { get; init; }

    /// <summary>Full-text condition on prompt, response and tool text.</summary>
    [FromQuery(Name = "q")]
    [Description("Text in the prompt, response, tool input or tool output; ASCII letters match in any case.")]
    public string? Q { get; init; }

    [FromQuery(Name = "dlp_rule")]
    [Description("Records with a DLP finding of these rules (github-token, email, …); repeat or separate with commas.")]
    public string[]? DlpRule { get; init; }

    [FromQuery(Name = "dlp_category")]
    [Description("Records with a DLP finding of these categories (secret, pii); repeat or separate with commas.")]
    public string[]? DlpCategory { get; init; }

    [FromQuery(Name = "dlp_action")]
    [Description("Records with a DLP finding handled by these actions (flag, redact); one finding must meet every dlp_ condition.")]
    public string[]? DlpAction { get; init; }

    public RecordFilterInput ToFilterInput() => new()
    {
        StartTime = StartTime,
        EndTime = EndTime,
        UserIds = UserId,
        UserEmails = UserEmail,
        Teams = Team,
        Agents = SplitCommas(Agent),
        Surfaces = SplitCommas(Surface),
        ClientIds = SplitCommas(ClientId),
        Models = Model,
        Kinds = SplitCommas(Kind),
        SessionIds = SessionId,
        Text = Q,
        DlpRules = SplitCommas(DlpRule),
        DlpCategories = SplitCommas(DlpCategory),
        DlpActions = SplitCommas(DlpAction),
    };

    private static string[]? SplitCommas(string[]? values) =>
        values?.SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToArray();
}
