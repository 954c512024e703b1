namespace AgentLedger.Core.Metrics;

/// <summary>One additive rollup counter: its storage column, whether it is money, and how to get and set it.</summary>
public sealed record MeasureColumn(string Name, bool IsMoney, Func<UsageMeasures, decimal> Get, Action<UsageMeasures, decimal> Set);
