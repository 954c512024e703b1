namespace AgentLedger.Core.Siem;

/// <summary>Which of a workspace's append-only streams a destination follows; each has its own gap-free seq.</summary>
public enum SiemSource
{
    /// <summary>The activity records (<c>CODEX_LOG</c>).</summary>
    Records,

    /// <summary>The audit log (<c>AUDIT_LOG</c>): administrative actions and every read of compliance data.</summary>
    AuditLog,
}
