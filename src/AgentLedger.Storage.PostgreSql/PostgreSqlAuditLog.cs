using System.Text.Json.Nodes;
using AgentLedger.Core.Compliance;
using Dapper;

namespace AgentLedger.Storage.PostgreSql;

/// <summary>
/// The audit log on PostgreSQL, for any number of instances. An append upserts the workspace's audit_heads row and
/// keeps its lock to commit, so the next append of that workspace gets its seq only after this one is visible.
/// </summary>
public sealed class PostgreSqlAuditLog(PostgreSqlDatabase database) : IAuditLog
{
    private const string Select = """
        SELECT workspace_id AS WorkspaceId, seq AS Seq, event_id AS EventId, occurred_at AS OccurredAt, action AS Action,
               action_result AS ActionResult, privilege AS Privilege, actor_type AS ActorType, actor_id AS ActorId,
               actor_name AS ActorName, client_ip AS ClientIp, user_agent AS UserAgent, action_data AS ActionData
        FROM audit_events
        """;

    public async Task<AuditEvent> AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var seq = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO audit_heads (workspace_id, last_seq) VALUES (@WorkspaceId, 1)
            ON CONFLICT (workspace_id) DO UPDATE SET last_seq = audit_heads.last_seq + 1
            RETURNING last_seq
            """,
            new { auditEvent.WorkspaceId }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var stored = auditEvent with { Seq = seq };
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO audit_events (workspace_id, seq, event_id, occurred_at, action, action_result, privilege, actor_type,
                                      actor_id, actor_name, client_ip, user_agent, action_data)
            VALUES (@WorkspaceId, @Seq, @EventId, @OccurredAt, @Action, @ActionResult, @Privilege, @ActorType,
                    @ActorId, @ActorName, @ClientIp, @UserAgent, @ActionData)
            """,
            new
            {
                stored.WorkspaceId, stored.Seq, stored.EventId, OccurredAt = stored.OccurredAt.UtcDateTime, stored.Action,
                ActionResult = AuditLogFormatter.ResultName(stored.Result), stored.Privilege, ActorType = stored.Actor.Type,
                ActorId = stored.Actor.Id, ActorName = stored.Actor.Name, stored.ClientIp, stored.UserAgent,
                ActionData = stored.ActionData?.ToJsonString(),
            },
            transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return stored;
    }

    public async Task<IReadOnlyList<AuditEvent>> ReadAfterSeqAsync(string workspaceId, long afterSeq, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            Select + " WHERE workspace_id = @workspaceId AND seq > @afterSeq ORDER BY seq LIMIT @limit",
            new { workspaceId, afterSeq, limit }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => r.ToEvent()).ToList();
    }

    public async Task<long> LastSeqAsync(string workspaceId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT last_seq FROM audit_heads WHERE workspace_id = @workspaceId", new { workspaceId },
            cancellationToken: cancellationToken)).ConfigureAwait(false) ?? 0;
    }

    private sealed record Row(
        string WorkspaceId, long Seq, string EventId, DateTime OccurredAt, string Action, string ActionResult, string? Privilege,
        string ActorType, string? ActorId, string? ActorName, string? ClientIp, string? UserAgent, string? ActionData)
    {
        public AuditEvent ToEvent() => new()
        {
            WorkspaceId = WorkspaceId,
            Seq = Seq,
            EventId = EventId,
            OccurredAt = new DateTimeOffset(OccurredAt, TimeSpan.Zero),
            Action = Action,
            Result = AuditLogFormatter.ParseResult(ActionResult),
            Privilege = Privilege,
            Actor = new AuditActor(ActorType, ActorId, ActorName),
            ClientIp = ClientIp,
            UserAgent = UserAgent,
            ActionData = ActionData is null ? null : JsonNode.Parse(ActionData) as JsonObject,
        };
    }
}
