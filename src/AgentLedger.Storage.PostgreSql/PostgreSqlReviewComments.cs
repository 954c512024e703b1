using AgentLedger.Core.Metrics;
using AgentLedger.Core.Records;
using Npgsql;

namespace AgentLedger.Storage.PostgreSql;

/// <summary>
/// Keeps review_comments (per-comment engagement state) in step with the records of a commit, inside its transaction:
/// a comment record places the comment in its hour; replies and reactions count against the comment they answer.
/// </summary>
internal static class PostgreSqlReviewComments
{
    private const string CommentSql = """
        INSERT INTO review_comments (workspace_id, comment_id, hour_start, user_id, team, client_id, model, agent, surface)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
        ON CONFLICT (workspace_id, comment_id) DO UPDATE SET
            hour_start = excluded.hour_start, user_id = excluded.user_id, team = excluded.team, client_id = excluded.client_id,
            model = excluded.model, agent = excluded.agent, surface = excluded.surface
        WHERE review_comments.hour_start IS NULL
        """;

    public static async Task TrackAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IEnumerable<ActivityRecord> records,
        CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var record in records)
        {
            var commentId = record.Review?.CommentId;
            if (string.IsNullOrEmpty(commentId))
            {
                continue;
            }

            switch (record.Kind)
            {
                case RecordKind.ReviewComment:
                    var key = UsageRollupAccumulator.KeyOf(record);
                    batch.BatchCommands.Add(Command(CommentSql, record.WorkspaceId, commentId, key.HourStart.UtcDateTime, key.UserId, key.Team,
                        WireNames.Of(key.ClientId), key.Model, WireNames.Of(key.Agent), WireNames.Of(key.Surface)));
                    break;
                case RecordKind.ReviewReply:
                    batch.BatchCommands.Add(Count("replies", record.WorkspaceId, commentId));
                    break;
                case RecordKind.ReviewReaction:
                    batch.BatchCommands.Add(Count(
                        record.Review!.Reaction switch
                        {
                            ReactionKind.Upvote => "upvotes",
                            ReactionKind.Downvote => "downvotes",
                            _ => "other_reactions",
                        },
                        record.WorkspaceId,
                        commentId));
                    break;
            }
        }

        if (batch.BatchCommands.Count > 0)
        {
            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    // column is one of three constants above, never input
    private static NpgsqlBatchCommand Count(string column, string workspaceId, string commentId) =>
        Command(
            $"""
            INSERT INTO review_comments (workspace_id, comment_id, {column}) VALUES ($1, $2, 1)
            ON CONFLICT (workspace_id, comment_id) DO UPDATE SET {column} = review_comments.{column} + 1
            """,
            workspaceId,
            commentId);

    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }
}
