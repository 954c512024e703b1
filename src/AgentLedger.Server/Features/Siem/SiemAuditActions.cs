namespace AgentLedger.Server.Features.Siem;

/// <summary>Audit actions of SIEM destination changes (each is an <c>AUDIT_LOG</c> line, without secrets).</summary>
public static class SiemAuditActions
{
    public const string Created = "SIEM_DESTINATION_CREATED";
    public const string Updated = "SIEM_DESTINATION_UPDATED";
    public const string Deleted = "SIEM_DESTINATION_DELETED";
}
