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
    public string? After { get; init; }

    [FromQuery(Name = "limit")]
    public int? Limit { get; init; }

    /// <summary><c>json</c> (default, paged), or streamed <c>ndjson</c>, <c>csv</c>, <c>ocsf</c>, <c>cef</c>.</summary>
    [FromQuery(Name = "format")]
    public string? Format { get; init; }

    [FromQuery(Name = "start_time")]
    public string? StartTime { get; init; }

    [FromQuery(Name = "end_time")]
    public string? EndTime { get; init; }

    [FromQuery(Name = "user_id")]
    public string[]? UserId { get; init; }

    [FromQuery(Name = "user_email")]
    public string[]? UserEmail { get; init; }

    [FromQuery(Name = "team")]
    public string[]? Team { get; init; }

    [FromQuery(Name = "agent")]
    public string[]? Agent { get; init; }

    [FromQuery(Name = "surface")]
    public string[]? Surface { get; init; }

    [FromQuery(Name = "client_id")]
    public string[]? ClientId { get; init; }

    [FromQuery(Name = "model")]
    public string[]? Model { get; init; }

    [FromQuery(Name = "kind")]
    public string[]? Kind { get; init; }

    [FromQuery(Name = "session_id")]
    public string[]? SessionId { get; init; }

    /// <summary>Full-text condition on prompt, response and tool text.</summary>
    [FromQuery(Name = "q")]
    public string? Q { get; init; }

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
    };

    private static string[]? SplitCommas(string[]? values) =>
        values?.SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToArray();
}
