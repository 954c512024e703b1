namespace AgentLedger.Core.Dlp;

/// <summary>Findings of one rule with one action in one UTC hour, from the hourly findings rollup.</summary>
public sealed record DlpFindingCount(long HourStart, string Rule, string Category, string Action, long Findings);
