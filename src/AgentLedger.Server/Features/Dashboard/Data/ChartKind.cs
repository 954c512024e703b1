namespace AgentLedger.Server.Features.Dashboard.Data;

/// <summary>How a chart card draws its series.</summary>
public enum ChartKind
{
    StackedColumn,
    Column,
    Line,
    Bar,
}
