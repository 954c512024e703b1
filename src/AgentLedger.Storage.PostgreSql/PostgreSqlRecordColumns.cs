using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using AgentLedger.Core.Records;
using Npgsql;
using NpgsqlTypes;

namespace AgentLedger.Storage.PostgreSql;

/// <summary>
/// The mapping between <see cref="ActivityRecord"/> and a row of <c>records</c>, both ways, in one place: the one
/// column list serves the binary COPY, the batched INSERT and the SELECT.
/// </summary>
internal static partial class PostgreSqlRecordColumns
{
    private static readonly JsonSerializerOptions ActorJson = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private static readonly Column[] All =
    [
        new("workspace_id", NpgsqlDbType.Text, r => r.WorkspaceId),
        new("seq", NpgsqlDbType.Bigint, r => r.Seq),
        new("record_id", NpgsqlDbType.Text, r => r.Id),
        new("event_id", NpgsqlDbType.Text, r => r.EventId),
        new("occurred_at", NpgsqlDbType.TimestampTz, r => r.OccurredAt.UtcDateTime),
        new("received_at", NpgsqlDbType.TimestampTz, r => r.ReceivedAt.UtcDateTime),
        new("source", NpgsqlDbType.Text, r => WireNames.Of(r.Source)),
        new("kind", NpgsqlDbType.Text, r => WireNames.Of(r.Kind)),
        new("user_id", NpgsqlDbType.Text, r => r.UserId),
        new("actor", NpgsqlDbType.Jsonb, r => JsonSerializer.Serialize(r.Actor, ActorJson)),
        new("team", NpgsqlDbType.Text, r => r.Team),
        new("client_ip", NpgsqlDbType.Text, r => r.ClientIp),
        new("user_agent", NpgsqlDbType.Text, r => r.UserAgent),
        new("agent", NpgsqlDbType.Text, r => WireNames.Of(r.Agent)),
        new("client_id", NpgsqlDbType.Text, r => WireNames.Of(r.ClientId)),
        new("surface", NpgsqlDbType.Text, r => WireNames.Of(r.Surface)),
        new("client_version", NpgsqlDbType.Text, r => r.ClientVersion),
        new("session_id", NpgsqlDbType.Text, r => r.SessionId),
        new("turn_id", NpgsqlDbType.Text, r => r.TurnId),
        new("model", NpgsqlDbType.Text, r => r.Model),
        new("status", NpgsqlDbType.Text, r => r.Status),
        new("error", NpgsqlDbType.Text, r => r.Error),
        new("input_tokens", NpgsqlDbType.Bigint, r => r.Usage.InputTokens),
        new("cached_input_tokens", NpgsqlDbType.Bigint, r => r.Usage.CachedInputTokens),
        new("output_tokens", NpgsqlDbType.Bigint, r => r.Usage.OutputTokens),
        new("reasoning_tokens", NpgsqlDbType.Bigint, r => r.Usage.ReasoningTokens),
        new("cost_usd", NpgsqlDbType.Numeric, r => r.CostUsd),
        new("credits", NpgsqlDbType.Numeric, r => r.Credits),
        new("duration_ms", NpgsqlDbType.Bigint, r => r.DurationMs),
        new("prompt_text", NpgsqlDbType.Text, r => r.PromptText),
        new("response_text", NpgsqlDbType.Text, r => r.ResponseText),
        new("tool_name", NpgsqlDbType.Text, r => r.ToolName),
        new("tool_input", NpgsqlDbType.Text, r => r.ToolInput),
        new("tool_output", NpgsqlDbType.Text, r => r.ToolOutput),
        new("review_repository", NpgsqlDbType.Text, r => r.Review?.Repository),
        new("review_pull_request", NpgsqlDbType.Bigint, r => r.Review?.PullRequest),
        new("review_id", NpgsqlDbType.Text, r => r.Review?.ReviewId),
        new("review_comment_id", NpgsqlDbType.Text, r => r.Review?.CommentId),
        new("review_priority", NpgsqlDbType.Text, r => r.Review?.Priority is { } p ? WireNames.Of(p) : null),
        new("review_reaction", NpgsqlDbType.Text, r => r.Review?.Reaction is { } x ? WireNames.Of(x) : null),
        new("attributes", NpgsqlDbType.Json, r => r.Attributes?.ToJsonString()),
    ];

    public static readonly string SelectList = string.Join(", ", All.Select(c => c.Name));

    public static readonly string InsertSql =
        $"INSERT INTO records ({SelectList}) VALUES ({string.Join(", ", All.Select((_, i) => "$" + (i + 1)))})";

    public static readonly string CopySql = $"COPY records ({SelectList}) FROM STDIN (FORMAT BINARY)";

    /// <summary>One INSERT of <paramref name="record"/>, for batches too small to be worth a COPY.</summary>
    public static NpgsqlBatchCommand InsertCommand(ActivityRecord record)
    {
        var command = new NpgsqlBatchCommand(InsertSql);
        foreach (var column in All)
        {
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = column.Type, Value = column.Get(record) ?? DBNull.Value });
        }

        return command;
    }

    public static async Task WriteRowAsync(NpgsqlBinaryImporter importer, ActivityRecord record, CancellationToken cancellationToken)
    {
        await importer.StartRowAsync(cancellationToken).ConfigureAwait(false);
        foreach (var column in All)
        {
            var value = column.Get(record);
            if (value is null)
            {
                await importer.WriteNullAsync(cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await importer.WriteAsync(value, column.Type, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Reads a row selected with <see cref="SelectList"/>.</summary>
    public static ActivityRecord Read(NpgsqlDataReader row)
    {
        var i = 0;
        var workspaceId = row.GetString(i++);
        var seq = row.GetInt64(i++);
        var id = row.GetString(i++);
        var eventId = row.GetString(i++);
        var occurredAt = row.GetFieldValue<DateTimeOffset>(i++);
        var receivedAt = row.GetFieldValue<DateTimeOffset>(i++);
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
        var cost = Money(row, i++);
        var credits = Money(row, i++);
        var duration = Int64(row, i++);
        var prompt = Str(row, i++);
        var response = Str(row, i++);
        var toolName = Str(row, i++);
        var toolInput = Str(row, i++);
        var toolOutput = Str(row, i++);
        var repository = Str(row, i++);
        var pullRequest = Int64(row, i++);
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

    private static string? Str(NpgsqlDataReader row, int ordinal) => row.IsDBNull(ordinal) ? null : row.GetString(ordinal);

    private static long? Int64(NpgsqlDataReader row, int ordinal) => row.IsDBNull(ordinal) ? null : row.GetInt64(ordinal);

    private static decimal? Money(NpgsqlDataReader row, int ordinal) =>
        row.IsDBNull(ordinal) ? null : PostgreSqlMoney.Normalize(row.GetDecimal(ordinal));

    private sealed record Column(string Name, NpgsqlDbType Type, Func<ActivityRecord, object?> Get);
}
