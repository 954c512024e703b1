using AgentLedger.Core.Metrics;
using AgentLedger.Core.Records;
using Microsoft.Data.Sqlite;

namespace AgentLedger.Storage.Sqlite;

public sealed partial class SqliteRecordWriter
{
    private sealed partial class WriteBatch
    {
        private const string CommentSql = """
            INSERT INTO review_comments (workspace_id, comment_id, hour_start, user_id, team, client_id, model, agent, surface)
            VALUES ($ws, $comment, $hour, $user, $team, $client, $model, $agent, $surface)
            ON CONFLICT (workspace_id, comment_id) DO UPDATE SET
                hour_start = excluded.hour_start, user_id = excluded.user_id, team = excluded.team, client_id = excluded.client_id,
                model = excluded.model, agent = excluded.agent, surface = excluded.surface
            WHERE review_comments.hour_start IS NULL
            """;

        private SqliteCommand? _comment;
        private readonly Dictionary<string, SqliteCommand> _engagement = [];

        /// <summary>
        /// Keeps the per-comment engagement state (review_comments) in step with the stored records: a comment record
        /// places the comment in its hour; replies and reactions count against the comment they answer.
        /// </summary>
        public void TrackReviewComment(ActivityRecord record)
        {
            var commentId = record.Review?.CommentId;
            if (string.IsNullOrEmpty(commentId))
            {
                return;
            }

            switch (record.Kind)
            {
                case RecordKind.ReviewComment:
                    _comment ??= Prepare(CommentSql, "$ws", "$comment", "$hour", "$user", "$team", "$client", "$model", "$agent", "$surface");
                    var key = UsageRollupAccumulator.KeyOf(record);
                    Bind(_comment, record.WorkspaceId, commentId, key.HourStart.ToUnixTimeSeconds(), key.UserId, key.Team,
                        WireNames.Of(key.ClientId), key.Model, WireNames.Of(key.Agent), WireNames.Of(key.Surface));
                    _comment.ExecuteNonQuery();
                    break;
                case RecordKind.ReviewReply:
                    CountEngagement("replies", record.WorkspaceId, commentId);
                    break;
                case RecordKind.ReviewReaction:
                    CountEngagement(
                        record.Review!.Reaction switch
                        {
                            ReactionKind.Upvote => "upvotes",
                            ReactionKind.Downvote => "downvotes",
                            _ => "other_reactions",
                        },
                        record.WorkspaceId,
                        commentId);
                    break;
            }
        }

        private void CountEngagement(string column, string workspaceId, string commentId)
        {
            if (!_engagement.TryGetValue(column, out var command))
            {
                // column is one of three constants above, never input
                command = Prepare(
                    $"""
                    INSERT INTO review_comments (workspace_id, comment_id, {column}) VALUES ($ws, $comment, 1)
                    ON CONFLICT (workspace_id, comment_id) DO UPDATE SET {column} = {column} + 1
                    """,
                    "$ws", "$comment");
                _engagement.Add(column, command);
            }

            Bind(command, workspaceId, commentId);
            command.ExecuteNonQuery();
        }

        private void DisposeReviewStatements()
        {
            _comment?.Dispose();
            foreach (var command in _engagement.Values)
            {
                command.Dispose();
            }
        }
    }
}
