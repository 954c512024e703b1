using AgentLedger.Core.Records;
using AgentLedger.Core.Siem;
using AgentLedger.Server.Features.Compliance.Audit;
using AgentLedger.Core.Compliance;

namespace AgentLedger.Server.Features.Siem;

/// <summary>What the SIEM admin handlers use.</summary>
public sealed record SiemServices(
    ISiemStore Store, SiemStatusReader Statuses, IRecordReader Records, IAuditLog Audit, ComplianceAuditor Auditor, TimeProvider Time);
