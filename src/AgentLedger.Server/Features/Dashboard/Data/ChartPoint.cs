namespace AgentLedger.Server.Features.Dashboard.Data;

/// <summary>One value of a chart series: a bucket's date (or a group's name) and a number.</summary>
public sealed record ChartPoint(string Category, double Value);
