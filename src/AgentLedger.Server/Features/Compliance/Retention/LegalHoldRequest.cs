using AgentLedger.Server.Features.Compliance.Records;

namespace AgentLedger.Server.Features.Compliance.Retention;

/// <summary>A hold to create, or the parts of one to change (a change replaces only what it sets).</summary>
/// <param name="Name">A label, e.g. the matter number; required on create, 1 to 200 characters.</param>
/// <param name="Reason">Why records are held; up to 1000 characters.</param>
/// <param name="Filter">Which records are held (users, time range, search text, …); an empty filter holds every record.</param>
public sealed record LegalHoldRequest(string? Name, string? Reason, RecordFilterInput? Filter);
