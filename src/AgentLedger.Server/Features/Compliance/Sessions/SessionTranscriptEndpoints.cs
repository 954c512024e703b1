using System.ComponentModel;
using System.Globalization;
using AgentLedger.Core.Compliance;
using AgentLedger.Core.Keys;
using AgentLedger.Server.Auth;
using AgentLedger.Server.Features.Compliance.Audit;
using AgentLedger.Server.Features.Compliance.Records;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AgentLedger.Server.Features.Compliance.Sessions;

/// <summary>
/// <c>GET /api/v1/compliance/sessions/{session_id}</c>: the ordered prompts, responses, tool calls and results of one
/// session of the key's workspace, paged on seq; <c>GET /api/v1/compliance/users/{user_id}/sessions</c>: a user's
/// sessions in a window. Both read through <see cref="SessionTranscriptReader"/>, so every view is an audit event
/// (<see cref="AuditActions.ReadSessionTranscript"/>, <see cref="AuditActions.ListUserSessions"/>).
/// </summary>
public static class SessionTranscriptEndpoints
{
    public const int MaxLimit = 5000;
    public const int DefaultLimit = 1000;
    public const int MaxSessions = 1000;
    public const int DefaultSessions = 100;
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromDays(30);

    public static IEndpointRouteBuilder MapSessionTranscripts(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/v1/compliance/sessions/{session_id}", GetAsync).WithTags("Compliance")
            .WithSummary("A session's transcript: its prompts, responses, tool calls and results in order, paged on seq.").RequireScope(ApiKeyScope.ComplianceRead);
        routes.MapGet("/api/v1/compliance/users/{user_id}/sessions", ListUserSessionsAsync).WithTags("Compliance")
            .WithSummary("A user's sessions with records in a time window, most recent first, with record, prompt and token counts.")
            .WithDescription(
                "Filters surface, agent, team and model (repeat a parameter for several values) keep the sessions with at least one record "
                + "in the window that matches all of them; a listed session's counts cover all its records in the window. "
                + "Listing is a compliance read: it is recorded in the audit log with its filters.")
            .RequireScope(ApiKeyScope.ComplianceRead);
        return routes;
    }

    public static async Task<Results<Ok<SessionTranscript>, ProblemHttpResult>> GetAsync(
        [Description("The session (thread) id.")] string session_id,
        [Description("next_page of the previous page; 0 when absent.")] string? after,
        [Description("Items per page, 1 to 5000 (default 1000).")] int? limit,
        SessionTranscriptReader transcripts, HttpContext http,
        CancellationToken cancellationToken)
    {
        var size = limit ?? DefaultLimit;
        if (size is < 1 or > MaxLimit)
        {
            return Problem($"limit must be between 1 and {MaxLimit}.", StatusCodes.Status400BadRequest);
        }

        long afterSeq = 0;
        if (after is not null && !long.TryParse(after, NumberStyles.None, CultureInfo.InvariantCulture, out afterSeq))
        {
            return Problem("after must be the next_page of a previous page.", StatusCodes.Status400BadRequest);
        }

        var transcript = await transcripts.ReadAsync(AuditCaller.From(http), session_id, afterSeq, size, cancellationToken).ConfigureAwait(false);
        return transcript is null
            ? Problem($"Session '{session_id}' was not found.", StatusCodes.Status404NotFound)
            : TypedResults.Ok(transcript);
    }

    public static async Task<Results<Ok<UserSessionList>, ProblemHttpResult>> ListUserSessionsAsync(
        [Description("The directory user id.")] string user_id,
        [Description("Window start, RFC 3339 with a zone or Unix seconds (inclusive). Default: 30 days before end_time.")] string? start_time,
        [Description("Window end, RFC 3339 with a zone or Unix seconds (exclusive). Default: now.")] string? end_time,
        [Description("Sessions to return, 1 to 1000 (default 100).")] int? limit,
        [Description("Only sessions with a record on these surfaces: cli, ide, desktop, cloud, code_review, sdk, other.")] string[]? surface,
        [Description("Only sessions with a record of these agents: codex, claude_code, gemini_cli, github_copilot, cursor, custom, unknown.")] string[]? agent,
        [Description("Only sessions with a record of these teams (the directory team at ingest).")] string[]? team,
        [Description("Only sessions with a record of these models.")] string[]? model,
        SessionTranscriptReader transcripts, TimeProvider time, HttpContext http, CancellationToken cancellationToken)
    {
        var size = limit ?? DefaultSessions;
        if (size is < 1 or > MaxSessions)
        {
            return Problem($"limit must be between 1 and {MaxSessions}.", StatusCodes.Status400BadRequest);
        }

        var input = new RecordFilterInput { StartTime = start_time, EndTime = end_time, Surfaces = surface, Agents = agent, Teams = team, Models = model };
        if (!RecordFilterParser.TryParse(input, RecordFilterParser.QueryNames, out var window, out var error))
        {
            return Problem(error!, StatusCodes.Status400BadRequest);
        }

        var end = window.EndTime ?? time.GetUtcNow();
        var start = window.StartTime ?? end - DefaultWindow;
        if (end <= start)
        {
            return Problem("end_time must be after start_time.", StatusCodes.Status400BadRequest);
        }

        var filter = window with { StartTime = null, EndTime = null };
        var sessions = await transcripts.ListUserSessionsAsync(AuditCaller.From(http), user_id, start, end, filter, size + 1, cancellationToken)
            .ConfigureAwait(false);
        return TypedResults.Ok(new UserSessionList(
            user_id, start.ToUniversalTime(), end.ToUniversalTime(), sessions.Take(size).Select(UserSessionView.From).ToList(), sessions.Count > size));
    }

    private static ProblemHttpResult Problem(string detail, int status) => TypedResults.Problem(detail: detail, statusCode: status);
}
