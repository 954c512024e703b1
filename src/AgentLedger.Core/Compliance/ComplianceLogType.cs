namespace AgentLedger.Core.Compliance;

/// <summary>The kinds of immutable log file the Compliance Logs Platform serves (its <c>event_type</c>).</summary>
public enum ComplianceLogType
{
    /// <summary>Every agent's activity records, shaped as OpenAI's <c>CODEX_LOG</c>.</summary>
    CodexLog = 0,

    /// <summary>Administrative actions and every read of compliance data, shaped as OpenAI's <c>AUDIT_LOG</c>.</summary>
    AuditLog,
}
