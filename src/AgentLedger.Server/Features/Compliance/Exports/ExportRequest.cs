using AgentLedger.Server.Features.Compliance.Records;

namespace AgentLedger.Server.Features.Compliance.Exports;

/// <summary>The body of <c>POST /api/v1/compliance/exports</c>.</summary>
/// <param name="Filter">Which records (users, time range, search, …); all of the workspace's when absent.</param>
/// <param name="Justification">The matter, case or ticket the export is for; kept in the manifest and the audit log.</param>
public sealed record ExportRequest(RecordFilterInput? Filter, string? Justification);
