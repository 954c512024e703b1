using System.Text.Json.Nodes;
using AgentLedger.Core.Compliance;
using AgentLedger.Core.Records;

namespace AgentLedger.Core.Siem;

/// <summary>
/// Which items a destination receives. <see cref="Records"/> reuses the compliance feed's filter (kinds, agents,
/// users, …), evaluated by storage; <see cref="DlpFindingsOnly"/> keeps only records with DLP findings
/// (<c>Attributes["dlp_findings"]</c>, docs/dlp.md). With <see cref="SiemSource.AuditLog"/> the destination receives
/// the audit log instead, and the record conditions do not apply.
/// </summary>
public sealed record SiemFilter
{
    public const string DlpFindingsAttribute = "dlp_findings";

    public static readonly SiemFilter Everything = new();

    public SiemSource Source { get; init; } = SiemSource.Records;

    public RecordFilter Records { get; init; } = RecordFilter.None;

    public bool DlpFindingsOnly { get; init; }

    /// <summary>The in-memory part of the filter, applied after storage evaluated <see cref="Records"/>.</summary>
    public bool MatchesDlp(ActivityRecord record) =>
        !DlpFindingsOnly || record.Attributes?[DlpFindingsAttribute] is JsonArray { Count: > 0 };

    public JsonObject ToJson() => new()
    {
        ["source"] = SiemWireNames.Of(Source),
        ["records"] = RecordFilterJson.ToJson(Records),
        ["dlp_findings_only"] = DlpFindingsOnly,
    };

    public static SiemFilter FromJson(JsonObject json) => new()
    {
        Source = SiemWireNames.Parse<SiemSource>((string)json["source"]!),
        Records = json["records"] is JsonObject records ? RecordFilterJson.FromJson(records) : RecordFilter.None,
        DlpFindingsOnly = (bool?)json["dlp_findings_only"] ?? false,
    };
}
