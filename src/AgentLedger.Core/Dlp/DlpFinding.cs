namespace AgentLedger.Core.Dlp;

/// <summary>
/// One match of one rule in one field. <see cref="Start"/> and <see cref="Length"/> are UTF-16 offsets into the
/// text the scanner was given. The value itself is not kept; <see cref="DlpIngestFilter"/> stores its keyed hash.
/// </summary>
public sealed record DlpFinding(string RuleId, DlpCategory Category, DlpField Field, int Start, int Length);
