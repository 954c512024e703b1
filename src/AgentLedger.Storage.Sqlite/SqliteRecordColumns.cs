using System.Text.Json;
using System.Text.Json.Nodes;
using AgentLedger.Core.Records;
using Microsoft.Data.Sqlite;

namespace AgentLedger.Storage.Sqlite;

/// <summary>The mapping between <see cref="ActivityRecord"/> and a row of <c>records</c>, both ways, in one place.</summary>
internal static class SqliteRecordColumns
{
    private static readonly string[] Names =
    [
        "workspace_id", "seq", "record_id", "event_id", "occurred_at", "received_at", "source", "kind",
        "user_id", "actor", "team", "client_ip", "user_agent", "agent", "client_id", "surface", "client_version",
        "session_id", "turn_id", "model", "status", "error",
        "input_tokens", "cached_input_tokens", "output_tokens", "reasoning_tokens", "cost_usd_micros", "credits_micros", "duration_ms",
        "prompt_text", "response_text", "tool_name", "tool_input", "tool_output",
        "review_repository", "review_pull_request", "review_id", "review_comment_id", "review_priority", "review_reaction",
        "attributes",
    ];

    public static readonly string[] Parameters = Names.Select(n => "$" + n).ToArray();

    public static readonly string InsertSql =
        $"INSERT INTO records ({string.Join(", ", Names)}) VALUES ({string.Join(", ", Parameters)})";

    public static readonly string SelectList = string.Join(", ", Names);

    private static readonly JsonSerializerOptions ActorJson = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public static void Bind(SqliteCommand command, ActivityRecord r) =>
        Bind(command, r, JsonSerializer.Serialize(r.Actor, ActorJson), r.Attributes?.ToJsonString());

    /// <summary>Binds the row with the actor and attributes already serialised (the writer hashes the same texts).</summary>
    public static void Bind(SqliteCommand command, ActivityRecord r, string actorJson, string? attributesJson)
    {
        var p = command.Parameters;
        var i = 0;
        p[i++].Value = r.WorkspaceId;
        p[i++].Value = r.Seq;
        p[i++].Value = r.Id;
        p[i++].Value = r.EventId;
        p[i++].Value = SqliteTime.ToMicros(r.OccurredAt);
        p[i++].Value = SqliteTime.ToMicros(r.ReceivedAt);
        p[i++].Value = WireNames.Of(r.Source);
        p[i++].Value = WireNames.Of(r.Kind);
        p[i++].Value = Db(r.UserId);
        p[i++].Value = actorJson;
        p[i++].Value = Db(r.Team);
        p[i++].Value = Db(r.ClientIp);
        p[i++].Value = Db(r.UserAgent);
        p[i++].Value = WireNames.Of(r.Agent);
        p[i++].Value = WireNames.Of(r.ClientId);
        p[i++].Value = WireNames.Of(r.Surface);
        p[i++].Value = Db(r.ClientVersion);
        p[i++].Value = Db(r.SessionId);
        p[i++].Value = Db(r.TurnId);
        p[i++].Value = Db(r.Model);
        p[i++].Value = Db(r.Status);
        p[i++].Value = Db(r.Error);
        p[i++].Value = r.Usage.InputTokens;
        p[i++].Value = r.Usage.CachedInputTokens;
        p[i++].Value = r.Usage.OutputTokens;
        p[i++].Value = r.Usage.ReasoningTokens;
        p[i++].Value = r.CostUsd is { } cost ? SqliteMoney.ToMicros(cost) : DBNull.Value;
        p[i++].Value = r.Credits is { } credits ? SqliteMoney.ToMicros(credits) : DBNull.Value;
        p[i++].Value = r.DurationMs is { } duration ? duration : DBNull.Value;
        p[i++].Value = Db(r.PromptText);
        p[i++].Value = Db(r.ResponseText);
        p[i++].Value = Db(r.ToolName);
        p[i++].Value = Db(r.ToolInput);
        p[i++].Value = Db(r.ToolOutput);
        p[i++].Value = Db(r.Review?.Repository);
        p[i++].Value = r.Review?.PullRequest is { } pr ? pr : DBNull.Value;
        p[i++].Value = Db(r.Review?.ReviewId);
        p[i++].Value = Db(r.Review?.CommentId);
        p[i++].Value = r.Review?.Priority is { } priority ? WireNames.Of(priority) : DBNull.Value;
        p[i++].Value = r.Review?.Reaction is { } reaction ? WireNames.Of(reaction) : DBNull.Value;
        p[i].Value = attributesJson is null ? DBNull.Value : attributesJson;
    }

    /// <summary>
    /// <see cref="Bind(SqliteCommand, ActivityRecord, string, string?)"/> for the writer's positional statement, with the
    /// actor and attributes JSON as UTF-8 (<paramref name="attributesUtf8"/> null when the record has no attributes).
    /// The same values in the same columns.
    /// </summary>
    public static void Bind(SqliteRawStatement s, ActivityRecord r, ReadOnlySpan<byte> actorUtf8, ReadOnlyMemory<byte>? attributesUtf8)
    {
        var i = 0;
        s.Bind(i++, r.WorkspaceId);
        s.Bind(i++, r.Seq);
        s.Bind(i++, r.Id);
        s.Bind(i++, r.EventId);
        s.Bind(i++, SqliteTime.ToMicros(r.OccurredAt));
        s.Bind(i++, SqliteTime.ToMicros(r.ReceivedAt));
        s.Bind(i++, WireNames.Of(r.Source));
        s.Bind(i++, WireNames.Of(r.Kind));
        s.Bind(i++, r.UserId);
        s.BindUtf8(i++, actorUtf8);
        s.Bind(i++, r.Team);
        s.Bind(i++, r.ClientIp);
        s.Bind(i++, r.UserAgent);
        s.Bind(i++, WireNames.Of(r.Agent));
        s.Bind(i++, WireNames.Of(r.ClientId));
        s.Bind(i++, WireNames.Of(r.Surface));
        s.Bind(i++, r.ClientVersion);
        s.Bind(i++, r.SessionId);
        s.Bind(i++, r.TurnId);
        s.Bind(i++, r.Model);
        s.Bind(i++, r.Status);
        s.Bind(i++, r.Error);
        s.Bind(i++, r.Usage.InputTokens);
        s.Bind(i++, r.Usage.CachedInputTokens);
        s.Bind(i++, r.Usage.OutputTokens);
        s.Bind(i++, r.Usage.ReasoningTokens);
        s.Bind(i++, r.CostUsd is { } cost ? SqliteMoney.ToMicros(cost) : null);
        s.Bind(i++, r.Credits is { } credits ? SqliteMoney.ToMicros(credits) : null);
        s.Bind(i++, r.DurationMs);
        s.Bind(i++, r.PromptText);
        s.Bind(i++, r.ResponseText);
        s.Bind(i++, r.ToolName);
        s.Bind(i++, r.ToolInput);
        s.Bind(i++, r.ToolOutput);
        s.Bind(i++, r.Review?.Repository);
        s.Bind(i++, r.Review?.PullRequest);
        s.Bind(i++, r.Review?.ReviewId);
        s.Bind(i++, r.Review?.CommentId);
        s.Bind(i++, r.Review?.Priority is { } priority ? WireNames.Of(priority) : null);
        s.Bind(i++, r.Review?.Reaction is { } reaction ? WireNames.Of(reaction) : null);
        if (attributesUtf8 is { } attributes)
        {
            s.BindUtf8(i, attributes.Span);
        }
        else
        {
            s.BindNull(i);
        }
    }

    /// <summary>Reads a row selected with <see cref="SelectList"/>.</summary>
    public static ActivityRecord Read(SqliteDataReader row)
    {
        var i = 0;
        var workspaceId = row.GetString(i++);
        var seq = row.GetInt64(i++);
        var id = row.GetString(i++);
        var eventId = row.GetString(i++);
        var occurredAt = SqliteTime.FromMicros(row.GetInt64(i++));
        var receivedAt = SqliteTime.FromMicros(row.GetInt64(i++));
        var source = WireNames.ParseSource(row.GetString(i++));
        var kind = WireNames.ParseKind(row.GetString(i++));
        var userId = Str(row, i++);
        var actor = JsonSerializer.Deserialize<ActorIdentity>(row.GetString(i++), ActorJson) ?? new ActorIdentity();
        var team = Str(row, i++);
        var clientIp = Str(row, i++);
        var userAgent = Str(row, i++);
        var agent = WireNames.ParseAgent(row.GetString(i++));
        var clientId = WireNames.ParseClientId(row.GetString(i++));
        i++; // surface follows from client_id
        var clientVersion = Str(row, i++);
        var sessionId = Str(row, i++);
        var turnId = Str(row, i++);
        var model = Str(row, i++);
        var status = Str(row, i++);
        var error = Str(row, i++);
        var usage = new TokenUsage(row.GetInt64(i++), row.GetInt64(i++), row.GetInt64(i++), row.GetInt64(i++));
        var cost = row.IsDBNull(i) ? (decimal?)null : SqliteMoney.FromMicros(row.GetInt64(i));
        i++;
        var credits = row.IsDBNull(i) ? (decimal?)null : SqliteMoney.FromMicros(row.GetInt64(i));
        i++;
        var duration = row.IsDBNull(i) ? (long?)null : row.GetInt64(i);
        i++;
        var prompt = Str(row, i++);
        var response = Str(row, i++);
        var toolName = Str(row, i++);
        var toolInput = Str(row, i++);
        var toolOutput = Str(row, i++);
        var repository = Str(row, i++);
        var pullRequest = row.IsDBNull(i) ? (long?)null : row.GetInt64(i);
        i++;
        var reviewId = Str(row, i++);
        var commentId = Str(row, i++);
        var priority = Str(row, i++) is { } p ? WireNames.ParsePriority(p) : (ReviewPriority?)null;
        var reaction = Str(row, i++) is { } r ? WireNames.ParseReaction(r) : (ReactionKind?)null;
        var attributes = Str(row, i) is { } json ? JsonNode.Parse(json) as JsonObject : null;
        var hasReview = repository is not null || pullRequest is not null || reviewId is not null || commentId is not null
                        || priority is not null || reaction is not null;
        return new ActivityRecord
        {
            Id = id,
            WorkspaceId = workspaceId,
            Seq = seq,
            EventId = eventId,
            OccurredAt = occurredAt,
            ReceivedAt = receivedAt,
            Source = source,
            Kind = kind,
            UserId = userId,
            Actor = actor,
            Team = team,
            ClientIp = clientIp,
            UserAgent = userAgent,
            Agent = agent,
            ClientId = clientId,
            ClientVersion = clientVersion,
            SessionId = sessionId,
            TurnId = turnId,
            Model = model,
            Status = status,
            Error = error,
            Usage = usage,
            CostUsd = cost,
            Credits = credits,
            DurationMs = duration,
            PromptText = prompt,
            ResponseText = response,
            ToolName = toolName,
            ToolInput = toolInput,
            ToolOutput = toolOutput,
            Review = hasReview
                ? new ReviewInfo
                {
                    Repository = repository, PullRequest = pullRequest, ReviewId = reviewId, CommentId = commentId,
                    Priority = priority, Reaction = reaction,
                }
                : null,
            Attributes = attributes,
        };
    }

    private static object Db(string? value) => value is null ? DBNull.Value : value;

    private static string? Str(SqliteDataReader row, int ordinal) => row.IsDBNull(ordinal) ? null : row.GetString(ordinal);
}
