using AgentLedger.Core.Compliance;
using AgentLedger.Server.Features.Compliance.Audit;

namespace AgentLedger.Server.Features.Compliance.Exports;

/// <summary>What the export handlers need from the container, bound with <c>[AsParameters]</c>.</summary>
public sealed record ExportServices(
    IExportJobStore Jobs, ExportJobRunner Runner, ExportFolders Folders, ComplianceAuditor Auditor, TimeProvider Time);
