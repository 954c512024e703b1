using System.Text.Json.Nodes;

namespace AgentLedger.Server.Features.Compliance.Audit;

/// <summary>A page of the audit log; each item has the <c>AUDIT_LOG</c> line's shape.</summary>
public sealed record AuditEventPage(IReadOnlyList<JsonObject> Data, bool HasMore, string NextPage);
