using System.Security.Claims;
using System.Text.Json.Nodes;
using AgentLedger.Core.Compliance;
using AgentLedger.Core.Keys;
using AgentLedger.Core.Records;
using AgentLedger.Server.Auth;

namespace AgentLedger.Server.Features.Compliance.Audit;

/// <summary>
/// Writes audit events: who (the API key, or the local operator), when (the injected clock, to the microsecond that
/// storage keeps), from where, what and with what result. Every read of compliance data and every administrative
/// action goes through here. Never put prompt or response text into <c>action_data</c>: the audit log says that
/// content was read, not what it was.
/// </summary>
public sealed partial class ComplianceAuditor(IAuditLog log, TimeProvider time, ILogger<ComplianceAuditor> logger)
{
    /// <summary>Records an action done with the request's API key (or dashboard sign-in) in its workspace.</summary>
    public Task<AuditEvent> RecordAsync(
        HttpContext http, string action, ApiKeyScope privilege, JsonObject? data, CancellationToken cancellationToken,
        AuditResult result = AuditResult.Success) =>
        RecordAsync(AuditCaller.From(http), action, privilege, data, cancellationToken, result);

    /// <summary>Records an action of <paramref name="caller"/> in the workspace of its key or dashboard account.</summary>
    public Task<AuditEvent> RecordAsync(
        AuditCaller caller, string action, ApiKeyScope privilege, JsonObject? data, CancellationToken cancellationToken,
        AuditResult result = AuditResult.Success)
    {
        var user = caller.User;
        return AppendAsync(user.GetWorkspaceId(), action, result, privilege == ApiKeyScope.None ? null : ApiKeyScopes.Format(privilege), ActorOf(user),
            caller.ClientIp, caller.UserAgent, data, cancellationToken);
    }

    /// <summary>Records an action of someone running the <c>agentledger</c> command on the server's machine.</summary>
    public Task<AuditEvent> RecordLocalAsync(string workspaceId, string action, JsonObject? data, CancellationToken cancellationToken) =>
        AppendAsync(workspaceId, action, AuditResult.Success, ApiKeyScopes.Admin, AuditActor.LocalOperator(Environment.UserName), null, null, data,
            cancellationToken);

    /// <summary>Records what AgentLedger itself did on someone's behalf (an export job finishing).</summary>
    public Task<AuditEvent> RecordSystemAsync(string workspaceId, string action, AuditResult result, JsonObject? data, CancellationToken cancellationToken) =>
        AppendAsync(workspaceId, action, result, null, AuditActor.System, null, null, data, cancellationToken);

    private async Task<AuditEvent> AppendAsync(
        string workspaceId, string action, AuditResult result, string? privilege, AuditActor actor, string? clientIp, string? userAgent,
        JsonObject? data, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        // Storage keeps microseconds; truncating here makes the event read back exactly as it was written.
        var at = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % 10), TimeSpan.Zero);
        var stored = await log.AppendAsync(new AuditEvent
        {
            WorkspaceId = workspaceId,
            EventId = RecordIds.NewId(at),
            OccurredAt = at,
            Action = action,
            Result = result,
            Privilege = privilege,
            Actor = actor,
            ClientIp = clientIp,
            UserAgent = userAgent,
            ActionData = data,
        }, cancellationToken).ConfigureAwait(false);
        LogRecorded(logger, action, workspaceId, stored.Seq, actor.Type, actor.Id);
        return stored;
    }

    /// <summary>A dashboard sign-in is named by its account; anything else authenticated here is an API key.</summary>
    private static AuditActor ActorOf(ClaimsPrincipal user) =>
        user.Identity?.AuthenticationType == AuthServiceCollectionExtensions.DashboardCookieScheme
            ? AuditActor.DashboardAccount(user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "unknown", user.Identity.Name)
            : AuditActor.ApiKey(user.GetKeyId() ?? "unknown", user.Identity?.Name);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Audit {Action} in workspace {WorkspaceId} as seq {Seq} by {ActorType} {ActorId}")]
    private static partial void LogRecorded(ILogger logger, string action, string workspaceId, long seq, string actorType, string? actorId);
}
