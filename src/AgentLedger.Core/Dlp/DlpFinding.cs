namespace AgentLedger.Core.Dlp;

/// <summary>
/// One match of one rule in one field. <see cref="Start"/> and <see cref="Length"/> are UTF-16 offsets into the
/// text the scanner was given; <see cref="Sha256"/> is the lower-case hex SHA-256 of the matched value's UTF-8
/// bytes, so equal secrets can be correlated across records without the value ever being kept.
/// </summary>
public sealed record DlpFinding(string RuleId, DlpCategory Category, DlpField Field, int Start, int Length, string Sha256);
