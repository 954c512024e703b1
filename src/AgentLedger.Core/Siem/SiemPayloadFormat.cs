namespace AgentLedger.Core.Siem;

/// <summary>How each record is written inside a destination's envelope.</summary>
public enum SiemPayloadFormat
{
    /// <summary>The <c>CODEX_LOG</c> / <c>AUDIT_LOG</c> JSON line of the Compliance Logs Platform.</summary>
    Native,

    /// <summary>OCSF 1.9.0 API Activity (6003).</summary>
    Ocsf,

    /// <summary>ArcSight CEF (syslog only: a CEF line is text, not JSON).</summary>
    Cef,

    /// <summary>Elastic Common Schema document (Elasticsearch only).</summary>
    Ecs,
}
