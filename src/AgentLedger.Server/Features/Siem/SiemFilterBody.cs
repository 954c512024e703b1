namespace AgentLedger.Server.Features.Siem;

/// <summary>
/// A destination's filter as the admin API reads and writes it. Lists are "any of" (empty = all); conditions combine
/// with AND; kinds, agents, surfaces and client ids take the record feed's wire names.
/// </summary>
/// <param name="Source"><c>records</c> (default) or <c>audit_log</c>: the AUDIT_LOG stream instead of the records (no other condition applies).</param>
/// <param name="DlpFindingsOnly">Only records with DLP findings (docs/dlp.md).</param>
public sealed record SiemFilterBody(
    string? Source = null,
    bool? DlpFindingsOnly = null,
    IReadOnlyList<string>? Kinds = null,
    IReadOnlyList<string>? Agents = null,
    IReadOnlyList<string>? UserIds = null,
    IReadOnlyList<string>? UserEmails = null,
    IReadOnlyList<string>? Teams = null,
    IReadOnlyList<string>? Models = null,
    IReadOnlyList<string>? Surfaces = null,
    IReadOnlyList<string>? ClientIds = null);
